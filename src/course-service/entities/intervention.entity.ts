import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum InterventionChannel {
  CALL = 'CALL',
  MESSAGE = 'MESSAGE',
  EMAIL = 'EMAIL',
  MEETING = 'MEETING',
  OTHER = 'OTHER',
}

/** Why the curator reached out: the at-risk reasons, or something else. */
export enum InterventionReason {
  NO_STUDY = 'NO_STUDY',
  BEHIND_PROGRESS = 'BEHIND_PROGRESS',
  NPS_DETRACTOR = 'NPS_DETRACTOR',
  INSTALLMENT_OVERDUE = 'INSTALLMENT_OVERDUE',
  OTHER = 'OTHER',
}

export enum InterventionOutcome {
  REACHED = 'REACHED',
  NO_ANSWER = 'NO_ANSWER',
  PROMISED_TO_STUDY = 'PROMISED_TO_STUDY',
  NEEDS_HELP = 'NEEDS_HELP',
  WANTS_TO_DROP = 'WANTS_TO_DROP',
  OTHER = 'OTHER',
}

/** Why an enrollment ended without completion. */
export enum DropReason {
  NO_TIME = 'NO_TIME',
  TOO_HARD = 'TOO_HARD',
  NOT_WHAT_EXPECTED = 'NOT_WHAT_EXPECTED',
  FINANCIAL = 'FINANCIAL',
  PERSONAL = 'PERSONAL',
  UNRESPONSIVE = 'UNRESPONSIVE',
  REFUNDED = 'REFUNDED',
  OTHER = 'OTHER',
}

/**
 * What a curator did about a student: channel, reason, outcome, note. `atRiskReasons` is the
 * at-risk evaluation when it was logged (saved rate counts only interventions on students at
 * risk). Credit: the enrollment's curator and squad at that moment.
 */
@Entity('intervention')
@Index('ix_intervention_enrollment', ['enrollmentId', 'occurredAt'])
@Index('ix_intervention_org_time', ['organizationId', 'occurredAt'])
export class Intervention {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  enrollmentId: string;

  @Column('uuid')
  leadId: string;

  /** Who logged it. */
  @Column('uuid', { nullable: true })
  authorId: string | null;

  @Column('uuid', { nullable: true })
  curatorId: string | null;

  @Column('uuid', { nullable: true })
  curatorSquadId: string | null;

  @Column('enum', { enum: InterventionChannel, enumName: 'intervention_channel' })
  channel: InterventionChannel;

  @Column('enum', { enum: InterventionReason, enumName: 'intervention_reason' })
  reason: InterventionReason;

  @Column('enum', { enum: InterventionOutcome, enumName: 'intervention_outcome' })
  outcome: InterventionOutcome;

  @Column('text', { nullable: true })
  note: string | null;

  /** At-risk reason codes when logged (empty: the student was not at risk). */
  @Column('text', { array: true, default: () => "'{}'" })
  atRiskReasons: string[];

  @Column('timestamptz')
  occurredAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * At-risk rule values of an organization (`productId` null) or of one course. Missing values
 * fall back to the organization's, then to the defaults (7 days, 20 points).
 */
@Entity('at_risk_rule')
@Index('uq_at_risk_rule_org', ['organizationId'], { unique: true, where: '"product_id" IS NULL' })
@Index('uq_at_risk_rule_product', ['organizationId', 'productId'], { unique: true, where: '"product_id" IS NOT NULL' })
@Check(
  'ck_at_risk_rule_values',
  '("inactivity_days" IS NULL OR "inactivity_days" BETWEEN 1 AND 90) AND ("progress_lag_pct" IS NULL OR "progress_lag_pct" BETWEEN 1 AND 100)',
)
export class AtRiskRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid', { nullable: true })
  productId: string | null;

  @Column('smallint', { nullable: true })
  inactivityDays: number | null;

  @Column('smallint', { nullable: true })
  progressLagPct: number | null;
}

/** The reason an enrollment ended incomplete (DROPPED, REFUNDED, or expired past its end date). */
@Entity('enrollment_drop')
@Index('ix_enrollment_drop_org_product', ['organizationId', 'productId'])
export class EnrollmentDrop {
  @PrimaryColumn('uuid')
  enrollmentId: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  productId: string;

  @Column('enum', { enum: DropReason, enumName: 'drop_reason' })
  reason: DropReason;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { nullable: true })
  recordedById: string | null;

  @Column('timestamptz')
  recordedAt: Date;
}

export const INTERVENTION_ENTITY_LIST = [Intervention, AtRiskRule, EnrollmentDrop];
