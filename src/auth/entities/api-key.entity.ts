import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../../organization/index.js';
import { User } from '../../organization/index.js';

/** A machine caller's key (forms, chat bots, payment systems, the LMS). Only its hash is kept. */
@Entity('api_key')
@Index('uq_api_key_hash', ['secretHash'], { unique: true })
@Index('ix_api_key_org', ['organizationId'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text')
  name: string;

  /** The first characters of the key, shown in lists so people can tell keys apart. */
  @Column('text')
  prefix: string;

  /** SHA-256 of the full key (keys are 256-bit random, so a fast hash is appropriate). */
  @Column('text')
  secretHash: string;

  @Column('text', { array: true })
  scopes: string[];

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
