import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Organization } from '../../organization/index.js';
import { User } from '../../organization/index.js';
import { RoutingStrategy } from '../routing.js';

/**
 * How new leads are routed, for the whole organization (cohortRef null) or for one campaign /
 * camp cohort. Also holds the round-robin position and the organization's default country
 * calling code for phone numbers written without one.
 */
@Entity('routing_config')
@Index('uq_routing_config_org_default', ['organizationId'], { unique: true, where: '"cohort_ref" IS NULL' })
@Index('uq_routing_config_org_cohort', ['organizationId', 'cohortRef'], { unique: true, where: '"cohort_ref" IS NOT NULL' })
export class RoutingConfig {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text', { nullable: true })
  cohortRef: string | null;

  /** Leads at or above this tier (in the survey's tier order) get a 1:1 owner. */
  @Column('text')
  tierThreshold: string;

  @Column('enum', { enum: RoutingStrategy, enumName: 'routing_strategy' })
  strategy: RoutingStrategy;

  /** Squads whose current MEMBER reps receive leads, in round-robin order. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  squadIds: string[];

  /** Squad of the group-nurture pool for leads below the threshold (default: the first chosen squad). */
  @Column('uuid', { nullable: true })
  poolSquadId: string | null;

  /** Max open leads (PROSPECT or INTRO) per rep unless the rep has an override. */
  @Column('int')
  defaultCapacity: number;

  /** E.g. '86': applied to phone numbers written without a country code (org-wide row only). */
  @Column('text', { nullable: true })
  defaultCountryCode: string | null;

  /** Round-robin state. */
  @Column('uuid', { nullable: true })
  lastAssignedUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A rep's own capacity (max open leads), overriding the routing config's default. */
@Entity('rep_capacity')
@Index('ix_rep_capacity_org', ['organizationId'])
export class RepCapacity {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('uuid')
  organizationId: string;

  @Column('int')
  maxOpenLeads: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
