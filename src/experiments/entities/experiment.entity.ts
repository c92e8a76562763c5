import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Lead } from '../../leads/index.js';
import { Organization } from '../../organization/index.js';
import { Squad } from '../../organization/index.js';
import { TeamKind } from '../../organization/index.js';
import { User } from '../../organization/index.js';
import { AnalysisMode, ExperimentStatus, ExperimentVerdict, MetricKind, RandomizationUnit } from './experiment-enums.js';

/** A conversion experiment run by a rep or a squad, shared with the whole organization. */
@Entity('experiment')
@Index('ix_experiment_org_status', ['organizationId', 'status'])
@Index('ix_experiment_org_squad', ['organizationId', 'squadId'])
@Index('ix_experiment_org_published', ['organizationId', 'publishedAt'])
export class Experiment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text')
  title: string;

  @Column('text')
  hypothesis: string;

  @Column('uuid')
  ownerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User>;

  @Column('uuid')
  squadId: string;

  @ManyToOne(() => Squad, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'squad_id' })
  squad?: Relation<Squad>;

  /** The kind of the squad's legion when the experiment was created. */
  @Column('enum', { enum: TeamKind, enumName: 'team_kind' })
  teamKind: TeamKind;

  /** Lower-case, unique, sorted. */
  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];

  @Column('text')
  metricKey: string;

  @Column('enum', { enum: MetricKind, enumName: 'experiment_metric_kind' })
  metricKind: MetricKind;

  @Column('enum', { enum: RandomizationUnit, enumName: 'experiment_randomization_unit' })
  randomizationUnit: RandomizationUnit;

  @Column('enum', { enum: AnalysisMode, enumName: 'experiment_analysis_mode' })
  analysisMode: AnalysisMode;

  /** Absolute rate difference worth detecting, e.g. 0.02 = 2 percentage points. */
  @Column('double precision')
  minDetectableEffect: number;

  @Column('integer', { nullable: true })
  plannedSamplePerArm: number | null;

  /** mSPRT mixing standard deviation; null = the minimum detectable effect. */
  @Column('double precision', { nullable: true })
  sequentialTau: number | null;

  /** Optional link to a playbook step (SOP context); plain references, no foreign key. */
  @Column('uuid', { nullable: true })
  playbookId: string | null;

  @Column('text', { nullable: true })
  playbookStepKey: string | null;

  @Column('enum', { enum: ExperimentStatus, enumName: 'experiment_status', default: ExperimentStatus.DRAFT })
  status: ExperimentStatus;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  stoppedAt: Date | null;

  @Column('enum', { enum: ExperimentVerdict, enumName: 'experiment_verdict', nullable: true })
  verdict: ExperimentVerdict | null;

  /** The treatment declared the winner (WIN verdicts). */
  @Column('text', { nullable: true })
  winnerVariantKey: string | null;

  @Column('text', { nullable: true })
  summary: string | null;

  /** Why the verdict is not backed by the analysis, as shown when it was concluded. */
  @Column('jsonb', { default: () => "'[]'" })
  conclusionWarnings: string[];

  @Column('timestamptz', { nullable: true })
  concludedAt: Date | null;

  @Column('uuid', { nullable: true })
  concludedById: string | null;

  @Column('text', { nullable: true })
  publicationNote: string | null;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  /** What publishing with promotion did to the linked playbook step, per script variant. */
  @Column('jsonb', { nullable: true })
  promotion: ExperimentPromotion | null;

  @Column('uuid', { nullable: true })
  publishedById: string | null;

  @Column('timestamptz', { nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One arm of an experiment: the control or a treatment. */
@Entity('experiment_variant')
@Index('uq_experiment_variant_key', ['experimentId', 'key'], { unique: true })
export class ExperimentVariant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  experimentId: string;

  @ManyToOne(() => Experiment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: Relation<Experiment>;

  @Column('text')
  key: string;

  @Column('smallint')
  position: number;

  @Column('boolean')
  isControl: boolean;

  @Column('text')
  description: string;

  /** The script the variant uses (SOP-linked experiments). */
  @Column('text', { nullable: true })
  script: string | null;

  /** Planned share of traffic, relative to the other variants' weights. */
  @Column('integer')
  weight: number;
}

/** A lead randomized into a variant (TRACKED experiments); one variant per lead and experiment. */
@Entity('experiment_assignment')
@Index('uq_experiment_assignment_lead', ['experimentId', 'leadId'], { unique: true })
@Index('ix_experiment_assignment_variant', ['experimentId', 'variantId', 'assignedAt'])
export class ExperimentAssignment {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  experimentId: string;

  @ManyToOne(() => Experiment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: Relation<Experiment>;

  @Column('uuid')
  variantId: string;

  @ManyToOne(() => ExperimentVariant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'variant_id' })
  variant?: Relation<ExperimentVariant>;

  @Column('uuid')
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column('timestamptz')
  assignedAt: Date;

  @Column('uuid', { nullable: true })
  assignedById: string | null;
}

/**
 * Logged daily counts (LOGGED experiments). Append-only (a trigger rejects UPDATE and DELETE):
 * corrections are new entries, negative deltas allowed as long as totals stay valid.
 */
@Entity('experiment_data_entry')
@Index('ix_experiment_data_entry_exp', ['experimentId', 'variantId', 'day'])
export class ExperimentDataEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  experimentId: string;

  @ManyToOne(() => Experiment, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: Relation<Experiment>;

  @Column('uuid')
  variantId: string;

  @ManyToOne(() => ExperimentVariant, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'variant_id' })
  variant?: Relation<ExperimentVariant>;

  /** The day (organization time zone) the counts belong to, `YYYY-MM-DD`. */
  @Column('date')
  day: string;

  @Column('integer')
  exposures: number;

  @Column('integer')
  conversions: number;

  /** Why a correction was made (optional). */
  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { nullable: true })
  recordedById: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  recordedAt: Date;
}

/** A squad adopting a published learning. */
@Entity('experiment_adoption')
@Index('uq_experiment_adoption_squad', ['experimentId', 'squadId'], { unique: true })
@Index('ix_experiment_adoption_org_time', ['organizationId', 'adoptedAt'])
export class ExperimentAdoption {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  experimentId: string;

  @ManyToOne(() => Experiment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: Relation<Experiment>;

  @Column('uuid')
  squadId: string;

  @ManyToOne(() => Squad, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'squad_id' })
  squad?: Relation<Squad>;

  @Column('uuid', { nullable: true })
  adoptedById: string | null;

  @Column('timestamptz')
  adoptedAt: Date;
}

export const EXPERIMENT_ENTITIES = [Experiment, ExperimentVariant, ExperimentAssignment, ExperimentDataEntry, ExperimentAdoption];

export interface ExperimentPromotion {
  versionId: string;
  stepKey: string;
  variants: { variant: string; change: 'CHANGED' | 'ADDED' | 'SAME'; before: string | null; after: string }[];
  unchangedVariants: string[];
}
