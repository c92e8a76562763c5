import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Answer, ScoreExplanation, SurveyDefinition } from '@lib/scoring';
import { Organization } from '../../organization/index.js';
import { Lead } from '../../leads/index.js';

export enum SurveyKind {
  /** Pre-sales questionnaire: scores and routes leads. */
  INTAKE = 'INTAKE',
  /** Course-service onboarding questionnaire (used by the course-service context). */
  ONBOARDING = 'ONBOARDING',
}

export enum SurveyVersionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

const numeric = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** A questionnaire; its questions and scoring live in versions. */
@Entity('survey')
@Index('ix_survey_org', ['organizationId', 'kind'])
export class Survey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text')
  name: string;

  @Column('enum', { enum: SurveyKind, enumName: 'survey_kind' })
  kind: SurveyKind;

  /** The latest published version (what submissions are scored with); null until first publish. */
  @Column('uuid', { nullable: true })
  currentVersionId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One version of a survey: a DRAFT is editable; PUBLISHED is frozen forever. */
@Entity('survey_version')
@Index('uq_survey_version_number', ['surveyId', 'version'], { unique: true })
@Index('uq_survey_version_one_draft', ['surveyId'], { unique: true, where: `"status" = 'DRAFT'` })
export class SurveyVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  surveyId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;

  @Column('int')
  version: number;

  @Column('enum', { enum: SurveyVersionStatus, enumName: 'survey_version_status', default: SurveyVersionStatus.DRAFT })
  status: SurveyVersionStatus;

  /** A @lib/scoring SurveyDefinition. */
  @Column('jsonb')
  definition: SurveyDefinition;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('uuid', { nullable: true })
  publishedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One filled-in questionnaire, scored with the version it records. Idempotent by
 * (survey, externalId): the unique index is the backstop against concurrent duplicates.
 */
@Entity('intake_submission')
@Index('uq_intake_submission_external', ['surveyId', 'externalId'], { unique: true })
@Index('ix_intake_submission_lead', ['leadId', 'createdAt'])
@Index('ix_intake_submission_survey_time', ['organizationId', 'surveyId', 'createdAt'])
export class IntakeSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  surveyId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;

  @Column('uuid')
  surveyVersionId: string;

  @ManyToOne(() => SurveyVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'survey_version_id' })
  surveyVersion?: Relation<SurveyVersion>;

  @Column('uuid')
  leadId: string;

  /**
   * Checked at commit: intake writes a batch's submissions before it takes the intake lock,
   * pointing at the lead each would create, and creates or re-points those leads under it.
   */
  @ManyToOne(() => Lead, { onDelete: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column('text')
  externalId: string;

  /** Normalized answers: `[{ questionKey, optionKeys, value }]` (numbers and booleans parsed). */
  @Column('jsonb')
  answers: Answer[];

  @Column('numeric', { precision: 10, scale: 2, transformer: numeric })
  score: number;

  @Column('text')
  tier: string;

  @Column('text')
  persona: string;

  @Column('jsonb')
  explanation: ScoreExplanation;

  @Column('uuid', { nullable: true })
  submittedByUserId: string | null;

  @Column('uuid', { nullable: true })
  submittedByApiKeyId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
