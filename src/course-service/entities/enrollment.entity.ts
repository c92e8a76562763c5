import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Lead } from '../../leads/index.js';

export enum EnrollmentStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  DROPPED = 'DROPPED',
  REFUNDED = 'REFUNDED',
}

/**
 * A student (lead) on a course (product), served by a curator. Created when a REGULAR or
 * ADVANCED order is paid (or by hand). Credit goes to the curator and the curator's squad at
 * assignment; `soldByRepId`/`soldBySquadId` keep the sale's credit for downstream metrics.
 */
@Entity('enrollment')
@Index('uq_enrollment_order', ['orderId'], { unique: true, where: '"order_id" IS NOT NULL' })
@Index('uq_enrollment_external_ref', ['organizationId', 'externalRef'], { unique: true, where: '"external_ref" IS NOT NULL' })
@Index('ix_enrollment_curator', ['organizationId', 'curatorId', 'status'])
@Index('ix_enrollment_squad', ['organizationId', 'curatorSquadId', 'startDate'])
@Index('ix_enrollment_lead', ['leadId'])
@Check('ck_enrollment_lessons', '"lessons_completed" >= 0 AND "lessons_total" >= 0')
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column('uuid')
  productId: string;

  @Column('uuid', { nullable: true })
  orderId: string | null;

  /** The learning platform's id for this enrollment (progress events may use it). */
  @Column('text', { nullable: true })
  externalRef: string | null;

  /** Class cohort (runs a course-service playbook), optional. */
  @Column('uuid', { nullable: true })
  classCohortId: string | null;

  @Column('uuid', { nullable: true })
  curatorId: string | null;

  /** The curator's squad when assigned (credit for squad metrics). */
  @Column('uuid', { nullable: true })
  curatorSquadId: string | null;

  @Column('uuid', { nullable: true })
  soldByRepId: string | null;

  @Column('uuid', { nullable: true })
  soldBySquadId: string | null;

  @Column('enum', { enum: EnrollmentStatus, enumName: 'enrollment_status', default: EnrollmentStatus.ACTIVE })
  status: EnrollmentStatus;

  /** Local dates in the organization's time zone. */
  @Column('date')
  startDate: string;

  @Column('date')
  endDate: string;

  @Column('integer', { default: 0 })
  lessonsCompleted: number;

  @Column('integer', { default: 0 })
  lessonsTotal: number;

  /** occurredAt of the latest progress event applied. */
  @Column('timestamptz', { nullable: true })
  progressAt: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;

  /** Persona from the onboarding survey (picks the onboarding path). */
  @Column('text', { nullable: true })
  onboardingPersona: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Progress events from the learning platform; `externalEventId` makes them idempotent. */
@Entity('progress_event')
@Index('uq_progress_event_external', ['organizationId', 'externalEventId'], { unique: true })
@Index('ix_progress_event_enrollment', ['enrollmentId', 'occurredAt'])
export class ProgressEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  enrollmentId: string;

  @Column('text')
  externalEventId: string;

  @Column('integer')
  lessonsCompleted: number;

  @Column('integer')
  lessonsTotal: number;

  @Column('timestamptz')
  occurredAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}

/** Local days with study activity, for the daily study rate. */
@Entity('study_day')
@Index('ix_study_day_org_day', ['organizationId', 'day'])
export class StudyDay {
  @PrimaryColumn('uuid')
  enrollmentId: string;

  @PrimaryColumn('date')
  day: string;

  @Column('uuid')
  organizationId: string;
}

export enum FeedbackSource {
  STUDENT = 'STUDENT',
  CURATOR = 'CURATOR',
}

/** One NPS answer per enrollment per survey round. */
@Entity('nps_response')
@Index('uq_nps_response_round', ['enrollmentId', 'round'], { unique: true })
@Index('ix_nps_response_org_time', ['organizationId', 'answeredAt'])
@Check('ck_nps_score', '"score" BETWEEN 0 AND 10')
export class NpsResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  enrollmentId: string;

  @Column('text')
  round: string;

  @Column('smallint')
  score: number;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('enum', { enum: FeedbackSource, enumName: 'feedback_source' })
  source: FeedbackSource;

  @Column('timestamptz')
  answeredAt: Date;
}

/** Course and service satisfaction (1–5), one per enrollment per round. */
@Entity('csat_response')
@Index('uq_csat_response_round', ['enrollmentId', 'round'], { unique: true })
@Index('ix_csat_response_org_time', ['organizationId', 'answeredAt'])
@Check('ck_csat_scores', '"course_score" BETWEEN 1 AND 5 AND "service_score" BETWEEN 1 AND 5')
export class CsatResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  enrollmentId: string;

  @Column('text')
  round: string;

  @Column('smallint')
  courseScore: number;

  @Column('smallint')
  serviceScore: number;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('enum', { enum: FeedbackSource, enumName: 'feedback_source' })
  source: FeedbackSource;

  @Column('timestamptz')
  answeredAt: Date;
}

/** Club (subscription) membership of a student: from a paid SUBSCRIPTION order after completion. */
@Entity('club_membership')
@Index('uq_club_membership_order', ['orderId'], { unique: true })
@Index('ix_club_membership_lead', ['organizationId', 'leadId', 'expiresAt'])
export class ClubMembership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  leadId: string;

  @Column('uuid')
  orderId: string;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  /** Bought while a previous membership was active or within the grace period. */
  @Column('boolean')
  isRenewal: boolean;

  /** The curator credited (the student's latest enrollment's curator). */
  @Column('uuid', { nullable: true })
  curatorId: string | null;

  @Column('uuid', { nullable: true })
  curatorSquadId: string | null;
}

export const COURSE_SERVICE_ENTITY_LIST = [Enrollment, ProgressEvent, StudyDay, NpsResponse, CsatResponse, ClubMembership];
