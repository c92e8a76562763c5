import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Lead } from '../../leads/index.js';
import { Squad } from '../../organization/index.js';
import { User } from '../../organization/index.js';
import { Cohort } from './cohort.entity.js';
import { PlaybookStep } from './playbook.entity.js';

export enum AgendaItemStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  SKIPPED = 'SKIPPED',
  MISSED = 'MISSED',
  /** Settled by a change of the lead (lost, refunded, converted, back to the pool): never MISSED, not counted. */
  CANCELLED = 'CANCELLED',
}

/** Why an item was CANCELLED (see docs/lifecycle.md "Stage changes settle the agenda"). */
export enum AgendaCancelReason {
  LEAD_LOST = 'LEAD_LOST',
  LEAD_REFUNDED = 'LEAD_REFUNDED',
  LEAD_CONVERTED = 'LEAD_CONVERTED',
  /** The lead went back to a pool (no owner). */
  REASSIGNED = 'REASSIGNED',
  /** A group step (no lead) of a rep who was deactivated. */
  REP_DEACTIVATED = 'REP_DEACTIVATED',
  /** The student's course order was fully refunded: their course-service items of that class. */
  ENROLLMENT_REFUNDED = 'ENROLLMENT_REFUNDED',
  /** The student's enrollment was dropped: their course-service items of that class. */
  ENROLLMENT_DROPPED = 'ENROLLMENT_DROPPED',
}

/**
 * A dated task of a rep, materialized from a cohort's step: one per (cohort, step, rep, lead);
 * the two partial unique indexes make regeneration idempotent (lead_id is null for group steps).
 */
@Entity('agenda_item')
@Index('uq_agenda_item_group', ['cohortId', 'stepId', 'repId'], { unique: true, where: '"lead_id" IS NULL' })
@Index('uq_agenda_item_lead', ['cohortId', 'stepId', 'repId', 'leadId'], { unique: true, where: '"lead_id" IS NOT NULL' })
@Index('ix_agenda_item_rep_due', ['organizationId', 'repId', 'dueAt'])
@Index('ix_agenda_item_squad_due', ['organizationId', 'squadId', 'dueAt'])
@Index('ix_agenda_item_pending_window', ['windowEnd'], { where: `"status" = 'PENDING' AND "window_end" IS NOT NULL` })
@Index('ix_agenda_item_lead', ['leadId'])
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  cohortId: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Relation<Cohort>;

  @Column('uuid')
  stepId: string;

  @ManyToOne(() => PlaybookStep, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'step_id' })
  step?: Relation<PlaybookStep>;

  /** The rep who does it (for PER_SQUAD group steps: the squad's lead). */
  @Column('uuid')
  repId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rep_id' })
  rep?: Relation<User>;

  /** The squad credited with the item (the rep's squad, or the lead's squad for private steps). */
  @Column('uuid')
  squadId: string;

  @ManyToOne(() => Squad, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'squad_id' })
  squad?: Relation<Squad>;

  @Column('uuid', { nullable: true })
  leadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column('int')
  dayOffset: number;

  @Column('timestamptz')
  dueAt: Date;

  /** Local date and wall time actually used in the cohort's zone (after a DST gap shift). */
  @Column('date')
  localDate: string;

  @Column('text')
  localTime: string;

  /** Due + window; null when the step has no window (never MISSED). */
  @Column('timestamptz', { nullable: true })
  windowEnd: Date | null;

  /** Latest completion that counts as on time (window end, or due + 24h without a window). */
  @Column('timestamptz')
  onTimeDeadline: Date;

  @Column('enum', { enum: AgendaItemStatus, enumName: 'agenda_item_status', default: AgendaItemStatus.PENDING })
  status: AgendaItemStatus;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('boolean', { nullable: true })
  onTime: boolean | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz', { nullable: true })
  skippedAt: Date | null;

  @Column('text', { nullable: true })
  skipReason: string | null;

  @Column('timestamptz', { nullable: true })
  missedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('enum', { enum: AgendaCancelReason, enumName: 'agenda_cancel_reason', nullable: true })
  cancelReason: AgendaCancelReason | null;

  /** Who completed or skipped it (the rep, or their lead/manager). */
  @Column('uuid', { nullable: true })
  actedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Which prepared answer a rep used when a lead raised an objection (to learn which answers precede conversions). */
@Entity('objection_log')
@Index('ix_objection_log_item', ['agendaItemId', 'loggedAt'])
@Index('ix_objection_log_objection', ['organizationId', 'objectionId'])
@Index('ix_objection_log_lead', ['leadId', 'loggedAt'])
export class ObjectionLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  agendaItemId: string;

  @ManyToOne(() => AgendaItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: Relation<AgendaItem>;

  @Column('uuid')
  objectionId: string;

  /** Id of the prepared answer used; null = none of them (improvised). */
  @Column('uuid', { nullable: true })
  answerId: string | null;

  @Column('uuid', { nullable: true })
  leadId: string | null;

  @Column('uuid')
  repId: string;

  @Column('uuid', { nullable: true })
  loggedById: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz')
  loggedAt: Date;
}
