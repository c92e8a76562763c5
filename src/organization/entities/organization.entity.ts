import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organization')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** IANA time zone; periods (days, weeks) are computed in it. */
  @Column('text')
  timeZone: string;

  /** ISO 4217 code; every amount of money in the organization is in its minor units. */
  @Column('char', { length: 3 })
  currency: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
