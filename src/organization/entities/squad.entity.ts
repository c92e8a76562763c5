import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Legion } from './legion.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

@Entity('squad')
@Index('uq_squad_org_name', ['organizationId', 'name'], { unique: true })
@Index('ix_squad_legion', ['legionId'])
export class Squad {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('uuid')
  legionId: string;

  @ManyToOne(() => Legion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'legion_id' })
  legion?: Relation<Legion>;

  @Column('text')
  name: string;

  @Column('uuid', { nullable: true })
  leadId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
