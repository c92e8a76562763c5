import { previousPeriod } from '@lib/schedule';
import { MetricEntityType, PeriodKind } from '../metrics/index.js';
import type { TeamKind } from '../organization/index.js';
import type { BoardRules } from './board-engine.js';
import { LeaderboardDefinition, LeaderboardVersion, PopulationType, RankingPeriodKind, RankingScope } from './entities/ranking.entities.js';
import type { LeaderboardDefinitionModel, LeaderboardVersionModel } from './models/rankings.models.js';

/** A definition with its rules (one version) as loaded in one statement, or an unsaved (ad-hoc, preview) board. */
export interface LoadedBoard {
  organizationId: string;
  definition: LeaderboardDefinition | null;
  populationName: string | null;
  version: LeaderboardVersion | null;
  rules: BoardRules;
  name: string;
  scope: RankingScope;
  teamKind: TeamKind;
  populationType: PopulationType;
  populationId: string | null;
  periodKind: RankingPeriodKind;
  timeZone: string;
}

/** A saved definition with one version as the leaderboard repository reads it. */
export interface DefinitionRecord {
  definition: LeaderboardDefinition;
  version: LeaderboardVersion;
  timeZone: string;
  populationName: string | null;
}

export const PERIOD_KINDS = new Set<string>(Object.values(RankingPeriodKind));

export function rulesOf(v: LeaderboardVersion): BoardRules {
  return {
    metricKey: v.metricKey,
    components: v.components,
    windowPeriods: v.windowPeriods,
    minDenominator: v.minDenominator,
    shrinkageK: v.shrinkageK,
    topPct: v.topPct,
    bottomPct: v.bottomPct,
    watchStreak: v.watchStreak,
  };
}

/** The board of a saved definition. */
export function boardOf(organizationId: string, r: DefinitionRecord): LoadedBoard {
  const { definition, version } = r;
  return {
    organizationId,
    definition,
    version,
    populationName: r.populationName,
    rules: rulesOf(version),
    name: definition.name,
    scope: definition.scope,
    teamKind: definition.teamKind,
    populationType: definition.populationType,
    populationId: definition.populationId,
    periodKind: definition.periodKind,
    timeZone: r.timeZone,
  };
}

export function versionModel(v: LeaderboardVersion | null, rules: BoardRules): LeaderboardVersionModel {
  return {
    version: v?.version ?? 0,
    metricKey: rules.metricKey,
    components: rules.components,
    windowPeriods: rules.windowPeriods,
    minDenominator: rules.minDenominator,
    shrinkageK: rules.shrinkageK,
    topPct: rules.topPct,
    bottomPct: rules.bottomPct,
    watchStreak: rules.watchStreak,
    createdById: v?.createdById ?? null,
    createdAt: v?.createdAt ?? new Date(0),
  };
}

export function definitionModel(b: LoadedBoard): LeaderboardDefinitionModel | null {
  if (!b.definition || !b.version) return null;
  const d = b.definition;
  return {
    id: d.id,
    name: d.name,
    scope: d.scope,
    teamKind: d.teamKind,
    populationType: d.populationType,
    populationId: d.populationId,
    populationName: b.populationName,
    periodKind: d.periodKind as unknown as PeriodKind,
    current: versionModel(b.version, b.rules),
    archivedAt: d.archivedAt,
    createdAt: d.createdAt,
  };
}

/** Start date of the first period of a rolling window of `n` periods ending with the one starting at `startDate`. */
export function windowStart(kind: RankingPeriodKind, startDate: string, n: number): string {
  let d = startDate;
  for (let i = 1; i < n; i++) d = previousPeriod(kind, d);
  return d;
}

export function entityTypeOf(scope: RankingScope): MetricEntityType {
  return scope === RankingScope.SQUAD ? MetricEntityType.SQUAD : MetricEntityType.MEMBER;
}
