import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MetricDirection } from '../../metrics/index.js';
import { PeriodKind } from '../../metrics/index.js';
import { PeriodModel } from '../../metrics/index.js';
import { Serialized } from '../../common/graphql/serialized.js';
import type { BoardLines } from '../board-engine.js';
import { NumberList } from '../../common/graphql/scalars.js';
import { TeamKind } from '../../organization/index.js';
import { CoachingOutcome, CoachingStatus, PopulationType, RankingScope } from '../entities/ranking.entities.js';

export enum StandingBand {
  TOP = 'TOP',
  MIDDLE = 'MIDDLE',
  BOTTOM = 'BOTTOM',
  UNRANKED = 'UNRANKED',
}

export enum LeaderboardStatus {
  /** Computed now from the rollups; changes as orders, refunds and assignments arrive. */
  LIVE = 'LIVE',
  /** Read from the immutable snapshot taken when the period was closed. */
  CLOSED = 'CLOSED',
}

export enum DuelStatus {
  UPCOMING = 'UPCOMING',
  LIVE = 'LIVE',
  /** The period has ended; the worker is about to freeze the result. */
  ENDED = 'ENDED',
  FINAL = 'FINAL',
}

registerEnumType(RankingScope, { name: 'RankingScope', description: 'What a leaderboard ranks: squads or individual members (reps).' });
registerEnumType(PopulationType, { name: 'PopulationType', description: 'Whom a leaderboard compares: the whole organization, one legion or one squad.' });
registerEnumType(StandingBand, { name: 'StandingBand', description: '271 rule: TOP 20 %, MIDDLE 70 %, BOTTOM 10 % by default; UNRANKED when not eligible.' });
registerEnumType(LeaderboardStatus, { name: 'LeaderboardStatus' });
registerEnumType(CoachingStatus, { name: 'CoachingStatus' });
registerEnumType(CoachingOutcome, { name: 'CoachingOutcome' });
registerEnumType(DuelStatus, { name: 'DuelStatus' });

@ObjectType('CompositeComponent')
export class CompositeComponentModel {
  @Field() metricKey: string;
  @Field(() => Float) weight: number;
}

@ObjectType('LeaderboardVersion', { description: 'The ranking rules from one edit of a leaderboard to the next. Snapshots name the version they used.' })
export class LeaderboardVersionModel {
  @Field(() => Int) version: number;
  @Field(() => String, { nullable: true }) metricKey: string | null;
  @Field(() => [CompositeComponentModel], { nullable: true }) components: CompositeComponentModel[] | null;
  @Field(() => Int, { description: 'Values are summed over the last N periods (1 = the period alone).' }) windowPeriods: number;
  @Field(() => Int, { nullable: true, description: 'Minimum denominator (e.g. leads) to be ranked.' }) minDenominator: number | null;
  @Field(() => Float, { nullable: true, description: 'Shrinkage strength k for rates (pseudo-observations).' }) shrinkageK: number | null;
  @Field(() => Int) topPct: number;
  @Field(() => Int) bottomPct: number;
  @Field(() => Int, { description: 'K: consecutive closed BOTTOM periods that put someone on the watch list.' }) watchStreak: number;
  @Field(() => ID, { nullable: true }) createdById: string | null;
  @Field() createdAt: Date;
}

@ObjectType('LeaderboardDefinition')
export class LeaderboardDefinitionModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => RankingScope) scope: RankingScope;
  @Field(() => TeamKind) teamKind: TeamKind;
  @Field(() => PopulationType) populationType: PopulationType;
  @Field(() => ID, { nullable: true }) populationId: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the legion or squad (null for the organization).' }) populationName: string | null;
  @Field(() => PeriodKind) periodKind: PeriodKind;
  @Field(() => LeaderboardVersionModel, { description: 'The current rules.' }) current: LeaderboardVersionModel;
  @Field(() => Date, { nullable: true }) archivedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('StandingEntity')
export class StandingEntityModel {
  @Serialized() @Field(() => ID) id: string;
  @Serialized() @Field() name: string;
}

@ObjectType('StandingComponent', { description: "One metric's part of a composite score." })
export class StandingComponentModel {
  @Field() metricKey: string;
  @Field(() => Float) weight: number;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Float, { nullable: true }) adjustedValue: number | null;
  @Field(() => Float) numerator: number;
  @Field(() => Float, { nullable: true }) denominator: number | null;
  @Field(() => Float, { nullable: true, description: 'Normalised 0..1 (1 = best in the population).' }) part: number | null;
}

@ObjectType('Standing', { description: "One entity's line of a leaderboard." })
export class StandingModel {
  @Serialized() @Field(() => Int, { nullable: true, description: 'Competition rank (1, 2, 2, 4); null when unranked.' }) rank: number | null;
  @Serialized() @Field(() => Int, { nullable: true, description: 'Display position (ties broken by id).' }) position: number | null;
  @Field(() => StandingEntityModel) entity: StandingEntityModel;
  @Serialized() @Field(() => Float, { nullable: true, description: 'The metric value (money in minor units), or the composite score.' }) value: number | null;
  @Serialized()
  @Field(() => Float, { nullable: true, description: 'The shrunk rate the entity was ranked on (rates with shrinkage only).' })
  adjustedValue: number | null;
  @Serialized() @Field(() => Float, { nullable: true }) numerator: number | null;
  @Serialized() @Field(() => Float, { nullable: true }) denominator: number | null;
  @Serialized() @Field(() => StandingBand) band: StandingBand;
  @Serialized() @Field(() => Float, { nullable: true, description: 'Share of ranked entities strictly worse, in [0, 1).' }) percentile: number | null;
  @Serialized() @Field(() => Int, { nullable: true }) previousRank: number | null;
  @Serialized() @Field(() => Int, { nullable: true, description: 'previousRank − rank: positive = moved up.' }) rankDelta: number | null;
  @Serialized() @Field(() => Int, { description: 'Consecutive closed periods in BOTTOM, counted from the newest closed period.' }) bottomStreak: number;
  @Serialized()
  @Field(() => String, { nullable: true, description: "'CODE' or 'CODE: message', e.g. 'BELOW_MIN_SAMPLE: 3 of 10 leads'." })
  unrankedReason: string | null;
  @Field(() => [StandingComponentModel], { nullable: true }) components: StandingComponentModel[] | null;
}

@ObjectType('StandingColumns', {
  description:
    'The lines of a leaderboard as columns, aligned by index with `entityIds` and in the order of `entries` (rank, then position): the same numbers as `entries` in a compact form for big boards (one array per field instead of one object per line). See docs/rankings.md "Columns".',
})
export class StandingColumnsModel {
  @Field(() => [ID]) entityIds: string[];
  @Field(() => [String]) entityNames: string[];
  @Field(() => NumberList, { description: 'Competition rank per line (null when unranked).' }) ranks: (number | null)[];
  @Field(() => NumberList, { description: 'Display position per line (null when unranked).' }) positions: (number | null)[];
  @Field(() => NumberList, { description: 'The metric value (money in minor units) or composite score per line.' }) values: (number | null)[];
  @Field(() => NumberList, { description: 'The shrunk rate ranked on, per line (rates with shrinkage only).' }) adjustedValues: (number | null)[];
  @Field(() => NumberList) numerators: (number | null)[];
  @Field(() => NumberList) denominators: (number | null)[];
  @Field(() => [StandingBand]) bands: StandingBand[];
  @Field(() => NumberList) percentiles: (number | null)[];
  @Field(() => NumberList) previousRanks: (number | null)[];
  @Field(() => NumberList, { description: 'previousRank − rank per line: positive = moved up.' }) rankDeltas: (number | null)[];
  @Field(() => NumberList) bottomStreaks: number[];
  @Field(() => [String], { nullable: 'items' }) unrankedReasons: (string | null)[];
}

@ObjectType('BandCounts')
export class BandCountsModel {
  @Field(() => Int) top: number;
  @Field(() => Int) middle: number;
  @Field(() => Int) bottom: number;
  @Field(() => Int) unranked: number;
}

@ObjectType('LeaderboardHeader', { description: 'Every field of a leaderboard but its lines (entries): what a live change repeats.' })
export class LeaderboardHeaderModel {
  @Field(() => ID, { nullable: true, description: 'The definition id (null for an ad-hoc board without a saved definition).' })
  definitionId: string | null;
  @Field(() => LeaderboardDefinitionModel, { nullable: true }) definition: LeaderboardDefinitionModel | null;
  @Field() name: string;
  @Field(() => Int, { nullable: true, description: 'Definition version whose rules produced these standings.' }) version: number | null;
  @Field({ description: 'Version of the 271 rules (@lib/ranking RULES_VERSION).' }) rulesVersion: string;
  @Field(() => LeaderboardVersionModel, { description: 'The rules used.' }) rules: LeaderboardVersionModel;
  @Field(() => RankingScope) scope: RankingScope;
  @Field(() => TeamKind) teamKind: TeamKind;
  @Field(() => PopulationType) populationType: PopulationType;
  @Field(() => ID, { nullable: true }) populationId: string | null;
  @Field(() => MetricDirection) direction: MetricDirection;
  @Field(() => PeriodModel) period: PeriodModel;
  @Field({ description: 'First local date of the values (earlier than the period with a rolling window).' }) windowStart: string;
  @Field(() => LeaderboardStatus) status: LeaderboardStatus;
  @Field(() => ID, { nullable: true }) snapshotId: string | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => Float, { nullable: true, description: 'p̄ the rates were shrunk towards.' }) populationRate: number | null;
  @Field(() => BandCountsModel) bands: BandCountsModel;
}

@ObjectType('Leaderboard')
export class LeaderboardModel extends LeaderboardHeaderModel {
  @Field(() => [StandingModel]) entries: StandingModel[];
  /** The lines as the service built them (StandingsService.model), read by `columns`; not a field, not enumerable. */
  readonly lines?: BoardLines;
}

@ObjectType('StandingsChange', {
  description:
    'A message of `standingsChanged`: the whole board (`board`, baseRevision null), or a change to apply to the board of revision `baseRevision` (`header`, `changed`, `removed`). See docs/rankings.md "Live updates".',
})
export class StandingsChangeModel {
  @Field({
    description:
      "The board's revision after this message: a hash of its whole content (header and lines), the same on every API replica and equal to `leaderboard { revision }` of the same board.",
  })
  revision: string;
  @Field(() => String, { nullable: true, description: 'The revision these changes apply to; null when `board` is the whole board.' })
  baseRevision: string | null;
  @Field(() => LeaderboardModel, {
    nullable: true,
    description: 'The whole board: the first message, or when this subscriber cannot be sent a change. Null in a change.',
  })
  board: LeaderboardModel | null;
  @Field(() => LeaderboardHeaderModel, {
    nullable: true,
    description: 'In a change: every field of the board but its lines (period, bands, populationRate, rules...). Null with `board`.',
  })
  header: LeaderboardHeaderModel | null;
  @Field(() => [StandingModel], {
    description: 'In a change: the lines that are new or differ in any field (rank, position, value, band, movement...), in board order.',
  })
  changed: StandingModel[];
  @Field(() => [ID], { description: 'In a change: entity ids of the lines that left the board.' })
  removed: string[];
}

@ObjectType('LeaderboardSnapshotInfo')
export class SnapshotInfoModel {
  @Field(() => ID) id: string;
  @Field(() => ID) definitionId: string;
  @Field() label: string;
  @Field() periodStart: string;
  @Field() periodEnd: string;
  @Field(() => Int) version: number;
  @Field() rulesVersion: string;
  @Field(() => Int) entityCount: number;
  @Field() closedAt: Date;
  @Field(() => ID, { nullable: true, description: 'Null when the worker closed it.' }) closedById: string | null;
}

@ObjectType('WatchListEntry', { description: 'A coaching signal only: ranking never changes anyone’s employment status.' })
export class WatchListEntryModel {
  @Field(() => StandingEntityModel) entity: StandingEntityModel;
  @Field(() => Int) bottomStreak: number;
  @Field(() => Int, { nullable: true }) lastRank: number | null;
  @Field(() => Float, { nullable: true }) lastValue: number | null;
  @Field(() => ID, { nullable: true, description: 'The open coaching plan of this rep, if any.' }) openCoachingPlanId: string | null;
}

@ObjectType('WatchList')
export class WatchListModel {
  @Field(() => ID) definitionId: string;
  @Field(() => Int) watchStreak: number;
  @Field(() => String, { nullable: true, description: 'Label of the newest closed period (null if none is closed yet).' }) asOf: string | null;
  @Field(() => [WatchListEntryModel]) entries: WatchListEntryModel[];
}

@ObjectType('CoachingPlan', { description: 'Visible to the rep, their lead and managers. Support, never a personnel decision.' })
export class CoachingPlanModel {
  @Field(() => ID) id: string;
  @Field(() => StandingEntityModel) subject: StandingEntityModel;
  @Field(() => ID) squadId: string;
  @Field(() => ID, { nullable: true }) definitionId: string | null;
  @Field(() => Int, { nullable: true }) bottomStreakAtOpen: number | null;
  @Field() goals: string;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field() reviewDate: string;
  @Field(() => CoachingStatus) status: CoachingStatus;
  @Field(() => CoachingOutcome, { nullable: true }) outcome: CoachingOutcome | null;
  @Field(() => String, { nullable: true }) outcomeNotes: string | null;
  @Field(() => ID) openedById: string;
  @Field(() => ID, { nullable: true }) closedById: string | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('DuelSide')
export class DuelSideModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Float, { nullable: true }) numerator: number | null;
  @Field(() => Float, { nullable: true }) denominator: number | null;
}

@ObjectType('PkDuel')
export class DuelModel {
  @Field(() => ID) id: string;
  @Field(() => RankingScope) entityType: RankingScope;
  @Field() metricKey: string;
  @Field(() => MetricDirection) direction: MetricDirection;
  @Field(() => PeriodModel) period: PeriodModel;
  @Field(() => String, { nullable: true }) season: string | null;
  @Field(() => DuelStatus) status: DuelStatus;
  @Field(() => DuelSideModel) a: DuelSideModel;
  @Field(() => DuelSideModel) b: DuelSideModel;
  @Field(() => String, {
    nullable: true,
    description: 'A, B or DRAW: the final winner once FINAL, else who leads now; null = no contest (a side without a value).',
  })
  winner: string | null;
  @Field(() => Float, { nullable: true, description: '|a − b| in the metric’s units.' }) margin: number | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
}

@ObjectType('SeasonRow')
export class SeasonRowModel {
  @Field(() => StandingEntityModel) entity: StandingEntityModel;
  @Field(() => Int) wins: number;
  @Field(() => Int) losses: number;
  @Field(() => Int) draws: number;
  @Field(() => Int, { description: '3 per win, 1 per draw.' }) points: number;
}

@ObjectType('LeaderboardHistoryPeriod', { description: 'One closed period of a leaderboard history.' })
export class LeaderboardHistoryPeriodModel {
  @Field() label: string;
  @Field() periodStart: string;
  @Field({ description: 'Exclusive.' }) periodEnd: string;
}

@ObjectType('EntityHistory', { description: "One entity's outcome in each closed period of a history, aligned with its periods." })
export class EntityHistoryModel {
  @Field(() => StandingEntityModel) entity: StandingEntityModel;
  @Field(() => [Float], { nullable: 'items', description: 'Value per period (money in minor units); null where the entity was not on the board.' })
  values: (number | null)[];
  @Field(() => [Int], { nullable: 'items', description: 'Competition rank per period; null when unranked or absent.' })
  ranks: (number | null)[];
  @Field(() => [StandingBand], { nullable: 'items', description: 'Band per period; null when absent.' })
  bands: (StandingBand | null)[];
}

@ObjectType('LeaderboardHistory', { description: 'The last closed periods of a leaderboard for every entity in them (sparklines).' })
export class LeaderboardHistoryModel {
  @Field(() => ID) definitionId: string;
  @Field(() => [LeaderboardHistoryPeriodModel], { description: 'Oldest first.' }) periods: LeaderboardHistoryPeriodModel[];
  @Field(() => [EntityHistoryModel]) entities: EntityHistoryModel[];
}
