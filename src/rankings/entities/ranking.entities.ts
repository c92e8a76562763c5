import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { TeamKind } from '../../organization/index.js';

export enum RankingScope {
  SQUAD = 'SQUAD',
  MEMBER = 'MEMBER',
}

export enum PopulationType {
  ORG = 'ORG',
  LEGION = 'LEGION',
  SQUAD = 'SQUAD',
}

export enum RankingPeriodKind {
  DAY = 'DAY',
  ISO_WEEK = 'ISO_WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}

export enum CoachingStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum CoachingOutcome {
  IMPROVED = 'IMPROVED',
  PARTLY_IMPROVED = 'PARTLY_IMPROVED',
  NOT_IMPROVED = 'NOT_IMPROVED',
  WITHDRAWN = 'WITHDRAWN',
}

export interface CompositeComponent {
  metricKey: string;
  weight: number;
}

/**
 * A leaderboard: who is ranked (squads or members of one team kind in a population) and over
 * which periods. What it ranks on lives in versions; editing creates a new version.
 */
@Entity('leaderboard_definition')
@Index('ix_leaderboard_definition_org', ['organizationId', 'createdAt'])
@Check('ck_leaderboard_definition_scope', `"scope" IN ('SQUAD', 'MEMBER')`)
@Check(
  'ck_leaderboard_definition_population',
  `("population_type" = 'ORG' AND "population_id" IS NULL) OR ("population_type" IN ('LEGION', 'SQUAD') AND "population_id" IS NOT NULL)`,
)
@Check('ck_leaderboard_definition_period', `"period_kind" IN ('DAY', 'ISO_WEEK', 'MONTH', 'QUARTER')`)
export class LeaderboardDefinition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  name: string;

  @Column('text')
  scope: RankingScope;

  @Column('enum', { enum: TeamKind, enumName: 'team_kind' })
  teamKind: TeamKind;

  @Column('text')
  populationType: PopulationType;

  /** Legion or squad id; null for the whole organization. */
  @Column('uuid', { nullable: true })
  populationId: string | null;

  @Column('text')
  periodKind: RankingPeriodKind;

  @Column('integer')
  currentVersion: number;

  @Column('timestamptz', { nullable: true })
  archivedAt: Date | null;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The ranking rules of a definition from one edit to the next. Never updated. */
@Entity('leaderboard_version')
@Index('uq_leaderboard_version', ['definitionId', 'version'], { unique: true })
@Check('ck_leaderboard_version_metric', `("metric_key" IS NULL) <> ("components" IS NULL)`)
@Check('ck_leaderboard_version_bands', `"top_pct" BETWEEN 0 AND 100 AND "bottom_pct" BETWEEN 0 AND 100 AND "top_pct" + "bottom_pct" <= 100`)
@Check('ck_leaderboard_version_window', `"window_periods" BETWEEN 1 AND 52 AND "watch_streak" >= 1`)
export class LeaderboardVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  definitionId: string;

  @ManyToOne(() => LeaderboardDefinition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'definition_id' })
  definition?: Relation<LeaderboardDefinition>;

  @Column('integer')
  version: number;

  /** A single metric, or null when `components` (a weighted composite) is set. */
  @Column('text', { nullable: true })
  metricKey: string | null;

  @Column('jsonb', { nullable: true })
  components: CompositeComponent[] | null;

  /** Rank on the sum of the last N periods (1 = the period alone). */
  @Column('integer', { default: 1 })
  windowPeriods: number;

  @Column('integer', { nullable: true })
  minDenominator: number | null;

  @Column('double precision', { nullable: true })
  shrinkageK: number | null;

  @Column('integer')
  topPct: number;

  @Column('integer')
  bottomPct: number;

  /** K: consecutive closed BOTTOM periods that put an entity on the watch list. */
  @Column('integer', { default: 2 })
  watchStreak: number;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The immutable standings of one closed period of a definition. */
@Entity('leaderboard_snapshot')
@Index('uq_leaderboard_snapshot_period', ['definitionId', 'periodStart'], { unique: true })
@Index('ix_leaderboard_snapshot_org', ['organizationId', 'closedAt'])
export class LeaderboardSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  definitionId: string;

  @ManyToOne(() => LeaderboardDefinition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'definition_id' })
  definition?: Relation<LeaderboardDefinition>;

  @Column('uuid')
  versionId: string;

  @ManyToOne(() => LeaderboardVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  versionRow?: Relation<LeaderboardVersion>;

  @Column('integer')
  version: number;

  @Column('text')
  rulesVersion: string;

  @Column('text')
  periodKind: RankingPeriodKind;

  @Column('text')
  label: string;

  /** First local date of the period. */
  @Column('date')
  periodStart: string;

  /** First local date after the period. */
  @Column('date')
  periodEnd: string;

  /** First local date of the values' window (= periodStart unless the version has a rolling window). */
  @Column('date')
  windowStart: string;

  @Column('text')
  timeZone: string;

  @Column('double precision', { nullable: true })
  populationRate: number | null;

  @Column('integer')
  entityCount: number;

  @Column('timestamptz')
  closedAt: Date;

  /** Null when the worker closed it. */
  @Column('uuid', { nullable: true })
  closedById: string | null;
}

/** One entity's line of a snapshot: its inputs and outcome, as shown when the period closed. */
@Entity('leaderboard_snapshot_entry')
@Index('ix_leaderboard_snapshot_entry_entity', ['definitionId', 'entityId', 'periodStart'])
export class LeaderboardSnapshotEntry {
  @PrimaryColumn('uuid')
  snapshotId: string;

  @ManyToOne(() => LeaderboardSnapshot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'snapshot_id' })
  snapshot?: Relation<LeaderboardSnapshot>;

  @PrimaryColumn('uuid')
  entityId: string;

  @Column('uuid')
  definitionId: string;

  @Column('date')
  periodStart: string;

  /** 1-based display order (ranked first, then unranked). */
  @Column('integer')
  ordinal: number;

  @Column('text')
  entityName: string;

  @Column('integer', { nullable: true })
  rank: number | null;

  @Column('double precision', { nullable: true })
  value: number | null;

  @Column('double precision', { nullable: true })
  adjustedValue: number | null;

  @Column('double precision', { nullable: true })
  numerator: number | null;

  @Column('double precision', { nullable: true })
  denominator: number | null;

  @Column('text')
  band: string;

  @Column('double precision', { nullable: true })
  percentile: number | null;

  @Column('text', { nullable: true })
  unrankedReason: string | null;

  @Column('integer', { nullable: true })
  previousRank: number | null;

  @Column('integer')
  bottomStreak: number;

  /** Per-metric inputs of a composite ({ key: { value, numerator, denominator, part } }); null for one metric. */
  @Column('jsonb', { nullable: true })
  inputs: Record<string, unknown> | null;
}

/** A coaching plan for a rep: support, never a personnel decision. */
@Entity('coaching_plan')
@Index('ix_coaching_plan_subject', ['organizationId', 'subjectUserId', 'createdAt'])
@Index('uq_coaching_plan_open', ['subjectUserId'], { unique: true, where: `"status" = 'OPEN'` })
@Check('ck_coaching_plan_status', `"status" IN ('OPEN', 'CLOSED') AND (("status" = 'CLOSED') = ("outcome" IS NOT NULL))`)
export class CoachingPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('uuid')
  subjectUserId: string;

  /** The rep's squad when the plan was opened. */
  @Column('uuid')
  squadId: string;

  @Column('uuid', { nullable: true })
  definitionId: string | null;

  @Column('integer', { nullable: true })
  bottomStreakAtOpen: number | null;

  @Column('text')
  goals: string;

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('date')
  reviewDate: string;

  @Column('text')
  status: CoachingStatus;

  @Column('text', { nullable: true })
  outcome: CoachingOutcome | null;

  @Column('text', { nullable: true })
  outcomeNotes: string | null;

  @Column('uuid')
  openedById: string;

  @Column('uuid', { nullable: true })
  closedById: string | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A head-to-head (PK) duel of two squads or two reps on one metric over one period. */
@Entity('pk_duel')
@Index('ix_pk_duel_org_period', ['organizationId', 'periodStart'])
@Index('ix_pk_duel_open', ['periodEnd'], { where: `"closed_at" IS NULL` })
@Check('ck_pk_duel_sides', `"a_id" <> "b_id" AND "entity_type" IN ('SQUAD', 'MEMBER')`)
export class PkDuel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @Column('text')
  entityType: RankingScope;

  @Column('uuid')
  aId: string;

  @Column('uuid')
  bId: string;

  @Column('text')
  metricKey: string;

  @Column('text')
  periodKind: RankingPeriodKind;

  @Column('text')
  label: string;

  @Column('date')
  periodStart: string;

  @Column('date')
  periodEnd: string;

  @Column('text', { nullable: true })
  season: string | null;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Set once the period has ended and the result is final. */
  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('text', { nullable: true })
  winner: string | null;

  @Column('double precision', { nullable: true })
  aValue: number | null;

  @Column('double precision', { nullable: true })
  bValue: number | null;

  @Column('double precision', { nullable: true })
  margin: number | null;
}

export const RANKING_ENTITIES = [LeaderboardDefinition, LeaderboardVersion, LeaderboardSnapshot, LeaderboardSnapshotEntry, CoachingPlan, PkDuel];
