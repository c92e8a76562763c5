import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from './organization.entity.js';
import { Role } from './team-kind.js';

@Entity('app_user')
@Index('uq_app_user_email', ['email'], { unique: true })
@Index('ix_app_user_org', ['organizationId'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  /** Stored lower-case; login is by email. */
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text', { select: false })
  passwordHash: string;

  @Column('enum', { enum: Role, enumName: 'user_role' })
  role: Role;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('timestamptz', { nullable: true })
  deactivatedAt: Date | null;

  /**
   * Carried in every access token (`ver`); raised by a password change, a role change, a
   * deactivation and a reactivation, which ends every token issued before.
   */
  @Column('integer', { default: 0, select: false })
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
