import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import { MetricEntityType } from '../metrics/index.js';
import { MetricsService, PeriodKind, resolvePeriod, type PeriodInput } from '../metrics/index.js';
import { previousPeriod } from '@lib/schedule';
import { CourseServiceService } from './course-service.service.js';

export const SCORECARD_METRICS = [
  'completion_rate',
  'average_progress',
  'daily_study_rate',
  'nps',
  'csat_course',
  'csat_service',
  'repurchase_rate',
  'k_factor',
  'cs_refund_rate',
  'club_renewal_rate',
];

/** Curator and squad scorecards: every course-service metric with counts and the previous period. */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly cs: CourseServiceService,
  ) {}

  async scorecard(ctx: RequestContext, entity: { memberId?: string; squadId?: string }, period: PeriodInput) {
    const target = await this.cs.assertCanReadScorecard(ctx, entity);
    const entityType = entity.memberId ? MetricEntityType.MEMBER : MetricEntityType.SQUAD;
    const tz = ctx.timeZone ?? (await this.metrics.organizationTimeZone(ctx));
    const current = resolvePeriod(period, tz);
    const prevInput: PeriodInput =
      period.kind === PeriodKind.CUSTOM
        ? { kind: PeriodKind.CUSTOM, start: shiftDays(current.startDate, -daysBetween(current.startDate, current.endDate)), end: current.startDate }
        : { kind: period.kind, start: previousPeriod(period.kind, current.startDate) as string };
    const now = await this.metrics.readMetricValues(ctx, { metricKeys: SCORECARD_METRICS, entityType, entityIds: [target.id], period });
    const before = await this.metrics.readMetricValues(ctx, { metricKeys: SCORECARD_METRICS, entityType, entityIds: [target.id], period: prevInput });
    const zero = (key: string) => ({ metricKey: key, entityType, entityId: target.id, entityName: target.name, value: null, numerator: 0, denominator: null });
    return {
      entityId: target.id,
      entityName: target.name,
      period: now.period,
      previousPeriod: before.period,
      scope: entity.memberId ? { curatorId: target.id } : { squadId: target.id },
      lines: SCORECARD_METRICS.map((key) => {
        const cur = now.values.find((v) => v.metricKey === key) ?? zero(key);
        const prev = before.values.find((v) => v.metricKey === key) ?? zero(key);
        return { current: cur, previous: prev, change: cur.value !== null && prev.value !== null ? cur.value - prev.value : null };
      }),
    };
  }
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400_000);
}

function shiftDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
}
