import { badInput } from '../../common/errors.js';
import { MetricEntityType } from '../../metrics/index.js';
import { type MetricsService, PeriodKind } from '../../metrics/index.js';
import { UnitEconomicsInput } from '../revenue/models/revenue.models.js';
import { UNIT_ECONOMICS_FIELDS, type UnitEconomicsRow, type UnitEconomicsService } from '../revenue/unit-economics.service.js';
import { LeaderboardInput } from '../../rankings/index.js';
import type { StandingModel } from '../../rankings/index.js';
import type { StandingsService } from '../../rankings/index.js';
import { ObjectionEffectivenessGroupBy, WINDOW_DAYS, type ObjectionAnswerEffectivenessModel } from '../models/objection-effectiveness.models.js';
import type { ObjectionEffectivenessService } from '../objection-effectiveness.service.js';
import type { CsvValue } from './csv-format.js';
import { fieldColumns, validateAs, type ExportColumn, type ExportDefinition, type ExportQuery } from './export.registry.js';

const col = <R>(header: string, value: (row: R) => CsvValue): ExportColumn<R> => ({ header, value });

/** `periodKind`, `periodStart`, `periodEnd` → a PeriodInput (validated by the service). */
function period(q: ExportQuery) {
  return { kind: q.string('periodKind') as PeriodKind, start: q.string('periodStart') ?? '', end: q.string('periodEnd') ?? null };
}
const PERIOD_PARAMS = ['periodKind', 'periodStart', 'periodEnd'] as const;

function assertEnum(value: string | undefined, values: object, field: string): void {
  if (value !== undefined && !Object.values(values).includes(value)) throw badInput([{ field, message: `must be one of ${Object.values(values).join(', ')}` }]);
}

/** Rows of a leaderboard (current or closed period): the `leaderboard` query. */
export function leaderboardExport(rankings: StandingsService): ExportDefinition<LeaderboardInput, StandingModel & { period: string }> {
  return {
    name: 'leaderboard',
    description:
      'A saved board (definitionId) or an ad-hoc one (scope, teamKind, populationId, metricKey); periodKind + periodStart pick the period (default: current).',
    params: ['definitionId', 'scope', 'teamKind', 'populationId', 'metricKey', 'periodKind', 'periodStart'],
    parse: (q) =>
      validateAs(LeaderboardInput, {
        definitionId: q.string('definitionId'),
        scope: q.string('scope'),
        teamKind: q.string('teamKind'),
        populationId: q.string('populationId'),
        metricKey: q.string('metricKey'),
        period: q.string('periodKind') || q.string('periodStart') ? { kind: q.string('periodKind'), start: q.string('periodStart') } : undefined,
      }),
    async run(ctx, input) {
      const board = await rankings.leaderboard(ctx, input);
      type Row = StandingModel & { period: string };
      return {
        columns: [
          col<Row>('board', () => board.name),
          col<Row>('period', (r) => r.period),
          col<Row>('status', () => board.status),
          col<Row>('rank', (r) => r.rank),
          col<Row>('position', (r) => r.position),
          col<Row>('entity_id', (r) => r.entity.id),
          col<Row>('entity_name', (r) => r.entity.name),
          col<Row>('value', (r) => r.value),
          col<Row>('adjusted_value', (r) => r.adjustedValue),
          col<Row>('numerator', (r) => r.numerator),
          col<Row>('denominator', (r) => r.denominator),
          col<Row>('band', (r) => r.band),
          col<Row>('percentile', (r) => r.percentile),
          col<Row>('previous_rank', (r) => r.previousRank),
          col<Row>('rank_delta', (r) => r.rankDelta),
          col<Row>('bottom_streak', (r) => r.bottomStreak),
          col<Row>('unranked_reason', (r) => r.unrankedReason),
        ],
        rows: board.entries.map((e) => ({ ...e, period: board.period.label })),
      };
    },
  };
}

type MetricArgs = { metricKeys: string[]; entityType: MetricEntityType; entityIds: string[] | null; period: ReturnType<typeof period> };

/** A metric table (`metricValues`): one row per entity, value / numerator / denominator per metric. */
export function metricValuesExport(metrics: MetricsService): ExportDefinition<MetricArgs, number> {
  return {
    name: 'metric-values',
    description: 'metricKeys (comma-separated), entityType, entityIds (optional, comma-separated), periodKind, periodStart, periodEnd (CUSTOM).',
    params: ['metricKeys', 'entityType', 'entityIds', ...PERIOD_PARAMS],
    parse: (q) => ({
      metricKeys: q.list('metricKeys') ?? [],
      entityType: q.string('entityType') as MetricEntityType,
      entityIds: q.list('entityIds') ?? null,
      period: period(q),
    }),
    async run(ctx, args) {
      if (!Object.values(MetricEntityType).includes(args.entityType)) {
        throw badInput([{ field: 'input.entityType', message: `must be one of ${Object.values(MetricEntityType).join(', ')}` }]);
      }
      const res = await metrics.metricValues(ctx, args);
      // Rows are entity indexes into the columnar series: no object per metric and entity.
      const columns: ExportColumn<number>[] = [
        { header: 'period', value: () => res.period.label },
        { header: 'entity_id', value: (i) => res.entities[i]!.id },
        { header: 'entity_name', value: (i) => res.entities[i]!.name },
        ...res.series.flatMap((s) => [
          { header: s.metricKey, value: (i: number) => s.values[i] },
          { header: `${s.metricKey}_numerator`, value: (i: number) => s.numerators[i] },
          { header: `${s.metricKey}_denominator`, value: (i: number) => s.denominators[i] },
        ]),
      ];
      return { columns, rows: res.entities.keys() };
    },
  };
}

/** The `unitEconomics` table. */
export function unitEconomicsExport(ue: UnitEconomicsService): ExportDefinition<UnitEconomicsInput, UnitEconomicsRow> {
  const fields: (keyof UnitEconomicsRow & string)[] = [...UNIT_ECONOMICS_FIELDS, 'groupKey'];
  return {
    name: 'unit-economics',
    description:
      'groupBy (COHORT, CHANNEL, CAMPAIGN, SOP_COHORT, SOP_COHORT_TYPE), from, to (local dates, to exclusive), ltvHorizonDays (default 180). ADMIN, MANAGER.',
    params: ['groupBy', 'from', 'to', 'ltvHorizonDays'],
    parse: (q) =>
      validateAs(UnitEconomicsInput, {
        groupBy: q.string('groupBy'),
        from: q.string('from'),
        to: q.string('to'),
        ltvHorizonDays: q.int('ltvHorizonDays') ?? 180,
      }),
    async run(ctx, input) {
      const rows = await ue.unitEconomics(ctx, input);
      return { columns: fieldColumns(fields), rows };
    },
  };
}

type EffectivenessArgs = Parameters<ObjectionEffectivenessService['report']>[1];

/** The `objectionEffectiveness` report. */
export function objectionEffectivenessExport(service: ObjectionEffectivenessService): ExportDefinition<EffectivenessArgs, ObjectionAnswerEffectivenessModel> {
  type Row = ObjectionAnswerEffectivenessModel;
  return {
    name: 'objection-effectiveness',
    description:
      'periodKind, periodStart, periodEnd (CUSTOM), windowDays (default 14), groupBy (ANSWER, ANSWER_PERSONA), playbookId, squadIds (comma-separated).',
    params: [...PERIOD_PARAMS, 'windowDays', 'groupBy', 'playbookId', 'squadIds'],
    parse(q) {
      const groupBy = q.string('groupBy');
      assertEnum(groupBy, ObjectionEffectivenessGroupBy, 'input.groupBy');
      return {
        period: period(q),
        windowDays: q.int('windowDays') ?? WINDOW_DAYS.default,
        groupBy: (groupBy as ObjectionEffectivenessGroupBy | undefined) ?? ObjectionEffectivenessGroupBy.ANSWER,
        playbookId: q.string('playbookId') ?? null,
        squadIds: q.list('squadIds') ?? null,
      };
    },
    async run(ctx, args) {
      const report = await service.report(ctx, args);
      return {
        columns: [
          col<Row>('period', () => report.period.label),
          col<Row>('window_days', () => report.windowDays),
          col<Row>('playbook', (r) => r.playbookName),
          col<Row>('objection_key', (r) => r.objectionKey),
          col<Row>('objection', (r) => r.objection),
          col<Row>('answer_id', (r) => r.answerId),
          col<Row>('answer_label', (r) => r.answerLabel),
          col<Row>('answer_text', (r) => r.answerText),
          col<Row>('persona', (r) => r.persona),
          col<Row>('uses', (r) => r.uses),
          col<Row>('leads', (r) => r.leads),
          col<Row>('pending_leads', (r) => r.pendingLeads),
          col<Row>('converted', (r) => r.converted),
          col<Row>('rate', (r) => r.rate),
          col<Row>('rate_low', (r) => r.rateLow),
          col<Row>('rate_high', (r) => r.rateHigh),
          col<Row>('small_sample', (r) => r.smallSample),
          col<Row>('rank', (r) => r.rank),
        ],
        rows: report.rows,
      };
    },
  };
}
