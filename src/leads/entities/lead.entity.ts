import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Organization } from '../../organization/index.js';
import { Squad } from '../../organization/index.js';
import { User } from '../../organization/index.js';

/** Lifecycle of a customer: PROSPECT → INTRO → CONVERTED → LEARNING → COMPLETED → REPURCHASED / REFERRING, or LOST / REFUNDED (docs/lifecycle.md). */
export enum LeadStage {
  PROSPECT = 'PROSPECT',
  INTRO = 'INTRO',
  CONVERTED = 'CONVERTED',
  LEARNING = 'LEARNING',
  COMPLETED = 'COMPLETED',
  LOST = 'LOST',
  REFUNDED = 'REFUNDED',
  /** Bought another REGULAR/ADVANCED course after the first one. */
  REPURCHASED = 'REPURCHASED',
  /** Brought a referral who converted. */
  REFERRING = 'REFERRING',
}

export enum LeadSource {
  AD = 'AD',
  REFERRAL = 'REFERRAL',
  ORGANIC = 'ORGANIC',
  OFFLINE_EVENT = 'OFFLINE_EVENT',
  PARTNER = 'PARTNER',
  OTHER = 'OTHER',
}

export enum MessengerNetwork {
  WECHAT = 'WECHAT',
  TELEGRAM = 'TELEGRAM',
  WHATSAPP = 'WHATSAPP',
  ZALO = 'ZALO',
  LINE = 'LINE',
  OTHER = 'OTHER',
}

/**
 * A prospect or customer. Unique per organization by normalized phone (E.164) or email
 * (lower-case). Score, tier and persona come from the latest intake submission; owner and
 * squad from routing (owner null = the squad's group-nurture pool).
 */
@Entity('lead')
@Index('uq_lead_org_phone', ['organizationId', 'phone'], { unique: true, where: '"phone" IS NOT NULL' })
@Index('uq_lead_org_email', ['organizationId', 'email'], { unique: true, where: '"email" IS NOT NULL' })
@Index('ix_lead_org_owner', ['organizationId', 'ownerId', 'stage'])
@Index('ix_lead_org_squad', ['organizationId', 'squadId', 'stage'])
@Index('ix_lead_org_created', ['organizationId', 'createdAt'])
@Index('ix_lead_referred_by', ['referredByLeadId'], { where: '"referred_by_lead_id" IS NOT NULL' })
export class Lead {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text')
  name: string;

  /** E.164, e.g. +8613800138000. */
  @Column('text', { nullable: true })
  phone: string | null;

  /** Lower-case. */
  @Column('text', { nullable: true })
  email: string | null;

  @Column('enum', { enum: MessengerNetwork, enumName: 'messenger_network', nullable: true })
  messengerNetwork: MessengerNetwork | null;

  @Column('text', { nullable: true })
  messengerHandle: string | null;

  @Column('enum', { enum: LeadSource, enumName: 'lead_source' })
  source: LeadSource;

  /** Campaign or camp cohort reference (free text until cohorts exist). */
  @Column('text', { nullable: true })
  cohortRef: string | null;

  @Column('uuid', { nullable: true })
  referredByLeadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'referred_by_lead_id' })
  referredBy?: Relation<Lead>;

  /** Latest intake score (two decimals). */
  @Column('numeric', {
    precision: 10,
    scale: 2,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  score: number | null;

  @Column('text', { nullable: true })
  tier: string | null;

  @Column('text', { nullable: true })
  persona: string | null;

  /** The rep who works this lead 1:1; null = group-nurture pool. */
  @Column('uuid', { nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User>;

  @Column('uuid', { nullable: true })
  squadId: string | null;

  @ManyToOne(() => Squad, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'squad_id' })
  squad?: Relation<Squad>;

  @Column('timestamptz', { nullable: true })
  assignedAt: Date | null;

  @Column('enum', { enum: LeadStage, enumName: 'lead_stage', default: LeadStage.PROSPECT })
  stage: LeadStage;

  @Column('timestamptz')
  stageChangedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Marketing campaign the lead came from (unit economics group by campaign); normalized, see leads/attribution.ts. */
  @Column('text', { nullable: true })
  campaign: string | null;

  /** UTM source (e.g. "facebook"), normalized like campaign. Not `source`: that is the channel. */
  @Column('text', { nullable: true })
  utmSource: string | null;

  /** UTM medium (e.g. "cpc"), normalized like campaign. */
  @Column('text', { nullable: true })
  utmMedium: string | null;

  /** UTM content (which ad or link), normalized like campaign. */
  @Column('text', { nullable: true })
  utmContent: string | null;
}

/** Every stage change of a lead, with when and who. */
@Entity('lead_stage_change')
@Index('ix_lead_stage_change_lead', ['leadId', 'changedAt'])
@Index('ix_lead_stage_change_org_time', ['organizationId', 'toStage', 'changedAt'])
export class LeadStageChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column('enum', { enum: LeadStage, enumName: 'lead_stage', nullable: true })
  fromStage: LeadStage | null;

  @Column('enum', { enum: LeadStage, enumName: 'lead_stage' })
  toStage: LeadStage;

  @Column('timestamptz')
  changedAt: Date;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text', { nullable: true })
  reason: string | null;
}

export const LEAD_ENTITIES = [Lead, LeadStageChange];
