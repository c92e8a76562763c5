import { Injectable } from '@nestjs/common';
import { duelResult, seasonTable } from '@lib/ranking';
import { periodBounds, type PeriodBounds } from '@lib/schedule';
import { AuditService } from '../audit/index.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { Db, TransactionRunner } from '../database/transaction.js';
import { DuelsRepository, type DuelRecord } from './duels.repository.js';
import { MetricEntityType, type MetricDefinition, type MetricParts } from '../metrics/index.js';
import { MetricsService, PeriodKind } from '../metrics/index.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import { toDirection } from './board-engine.js';
import type { CreateDuelInput } from './dto/rankings.inputs.js';
import { RankingPeriodKind, RankingScope } from './entities/ranking.entities.js';
import { DuelStatus, type DuelModel, type SeasonRowModel } from './models/rankings.models.js';

/**
 * PK duels: two squads (or two reps) on one metric over one period. Live score while the period
 * runs, the final result (winner, margin) frozen by the worker once it has ended, and a season
 * table (3 points per win, 1 per draw). Everyone in the organization can follow duels.
 */
@Injectable()
export class DuelsService {
  constructor(
    private readonly db: Db,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    private readonly repo: DuelsRepository,
  ) {}

  private def(key: string, entityType: RankingScope): MetricDefinition {
    return this.metrics.definitions([key], entityType === RankingScope.SQUAD ? MetricEntityType.SQUAD : MetricEntityType.MEMBER)[0];
  }

  /** ADMIN, MANAGER (squads of their legions, or reps in them); LEAD for two reps of squads they lead. */
  async create(ctx: RequestContext, input: CreateDuelInput, now = new Date()): Promise<DuelModel> {
    return this.tx.run(async () => {
      this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
      if (input.aId === input.bId) throw badInput([{ field: 'input.bId', message: 'a side cannot duel itself' }]);
      if (!(Object.values(RankingPeriodKind) as string[]).includes(input.period.kind))
        throw badInput([{ field: 'input.period.kind', message: 'duels run over a DAY, ISO_WEEK, MONTH or QUARTER' }]);
      const def = this.def(input.metricKey, input.entityType);
      const tz = ctx.timeZone ?? (await this.metrics.organizationTimeZone(ctx));
      const period = periodBounds(input.period.kind as unknown as RankingPeriodKind, input.period.start, tz);
      if (period.end.getTime() <= now.getTime()) throw badInput([{ field: 'input.period.start', message: `${period.label} has already ended` }]);
      const scope = await this.access.scope(ctx);
      // The two sides and the squads that make them manageable (a squad itself, or a rep's current squad).
      const ids = [input.aId, input.bId];
      const sides =
        input.entityType === RankingScope.SQUAD ? await this.repo.squadSides(ids, ctx.organizationId) : await this.repo.repSides(ids, ctx.organizationId);
      for (const id of ids) {
        if (!sides.some((s) => s.id === id)) throw notFound(input.entityType === RankingScope.SQUAD ? 'Squad' : 'Rep in a squad', id);
      }
      if (sides.some((s) => s.kind !== def.teamKind)) throw badInput([{ field: 'input.metricKey', message: `${def.key} is a ${def.teamKind} metric` }]);
      if (input.entityType === RankingScope.SQUAD && ctx.role === Role.LEAD) throw forbidden('Squad duels are set up by managers.');
      if (!sides.every((s) => this.access.canManageSquad(scope, s.squadId!))) throw forbidden('You can only set up duels between teams you manage.');
      const id = await this.repo.insert({
        organizationId: ctx.organizationId,
        entityType: input.entityType,
        aId: input.aId,
        bId: input.bId,
        metricKey: def.key,
        periodKind: period.kind,
        label: period.label,
        periodStart: period.startDate,
        periodEnd: period.endDate,
        season: input.season ?? null,
        createdById: ctx.userId,
      });
      await this.audit.record(ctx, {
        entityType: 'PkDuel',
        entityId: id,
        action: 'CREATED',
        diff: { a: input.aId, b: input.bId, metricKey: def.key, period: period.label, season: input.season ?? null },
      });
      return (await this.withScores(ctx, await this.rows(ctx.organizationId, { ids: [id] }), now))[0];
    });
  }

  private rows(organizationId: string, f: { ids?: string[]; season?: string | null; status?: DuelStatus | null }): Promise<DuelRecord[]> {
    return this.repo.list(organizationId, {
      ids: f.ids ?? null,
      season: f.season ?? null,
      status: f.status === DuelStatus.FINAL ? 'FINAL' : f.status ? 'OPEN' : null,
    });
  }

  /** Live scores for open duels: one metricValues call per (entity type, metric, period) group, whatever the number of duels. */
  private async withScores(ctx: RequestContext, rows: DuelRecord[], now: Date): Promise<DuelModel[]> {
    const groups = new Map<string, { rows: DuelRecord[]; ids: Set<string> }>();
    for (const r of rows) {
      if (r.closedAt) continue;
      const key = `${r.entityType}|${r.metricKey}|${r.periodKind}|${r.periodStart}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rows: [], ids: new Set() }));
      g.rows.push(r);
      g.ids.add(r.aId).add(r.bId);
    }
    const live = new Map<string, Map<string, MetricParts & { value: number | null }>>();
    const system = RequestContext.system(ctx.organizationId);
    for (const [key, g] of groups) {
      const r = g.rows[0];
      system.timeZone = r.timeZone;
      const res = await this.metrics.metricValues(system, {
        metricKeys: [r.metricKey],
        entityType: r.entityType === RankingScope.SQUAD ? MetricEntityType.SQUAD : MetricEntityType.MEMBER,
        entityIds: [...g.ids],
        period: { kind: r.periodKind as unknown as PeriodKind, start: r.periodStart },
      });
      live.set(key, new Map(res.values.map((v) => [v.entityId, { numerator: v.numerator, denominator: v.denominator, value: v.value }])));
    }
    return rows.map((r) => {
      const def = this.def(r.metricKey, r.entityType);
      const period = periodBounds(r.periodKind, r.periodStart, r.timeZone);
      const scores = live.get(`${r.entityType}|${r.metricKey}|${r.periodKind}|${r.periodStart}`);
      const side = (id: string, name: string, stored: number | null) => {
        const s = scores?.get(id);
        return r.closedAt
          ? { id, name, value: stored, numerator: null, denominator: null }
          : { id, name, value: s?.value ?? null, numerator: s?.numerator ?? null, denominator: s?.denominator ?? null };
      };
      const a = side(r.aId, r.aName, r.aValue);
      const b = side(r.bId, r.bName, r.bValue);
      const result = r.closedAt ? { winner: r.winner, margin: r.margin } : duelResult(a.value, b.value, toDirection(def.direction));
      return {
        id: r.id,
        entityType: r.entityType,
        metricKey: r.metricKey,
        direction: def.direction,
        period: this.periodModel(period),
        season: r.season,
        status: r.closedAt
          ? DuelStatus.FINAL
          : period.start.getTime() > now.getTime()
            ? DuelStatus.UPCOMING
            : period.end.getTime() <= now.getTime()
              ? DuelStatus.ENDED
              : DuelStatus.LIVE,
        a,
        b,
        winner: result.winner,
        margin: result.margin,
        closedAt: r.closedAt,
      };
    });
  }

  private periodModel(p: PeriodBounds) {
    return {
      kind: p.kind as unknown as PeriodKind,
      label: p.label,
      startDate: p.startDate,
      endDate: p.endDate,
      start: p.start,
      end: p.end,
      timeZone: p.timeZone,
    };
  }

  async duel(ctx: RequestContext, id: string, now = new Date()): Promise<DuelModel> {
    const rows = await this.rows(ctx.organizationId, { ids: [id] });
    if (!rows.length) throw notFound('Duel', id);
    return (await this.withScores(ctx, rows, now))[0];
  }

  async duels(ctx: RequestContext, filter: { season?: string | null; status?: DuelStatus | null }, now = new Date()): Promise<DuelModel[]> {
    const all = await this.withScores(ctx, await this.rows(ctx.organizationId, filter), now);
    return filter.status ? all.filter((d) => d.status === filter.status) : all;
  }

  /** The season table from the final results of a season's duels (seasonTable of @lib/ranking). */
  async season(ctx: RequestContext, season: string, entityType: RankingScope): Promise<SeasonRowModel[]> {
    const rows = await this.repo.finalOfSeason(ctx.organizationId, season, entityType);
    const names = new Map<string, string>();
    for (const r of rows) names.set(r.aId, r.aName).set(r.bId, r.bName);
    return seasonTable(rows.map((r) => ({ a: r.aId, b: r.bId, winner: r.winner as 'A' | 'B' | 'DRAW' | null }))).map((row) => ({
      entity: { id: row.id, name: names.get(row.id) ?? '' },
      wins: row.wins,
      losses: row.losses,
      draws: row.draws,
      points: row.points,
    }));
  }

  /** Organizations with open duels whose period may have ended by `now` (the closing job's units). */
  organizationsWithEnded(now: Date): Promise<string[]> {
    return this.repo.organizationsWithEnded(now);
  }

  /**
   * Worker: freezes the result of every duel whose period has ended (in its organization's time
   * zone); with `organizationId`, only that organization's duels (one unit of the job).
   */
  async closeEnded(now: Date, organizationId?: string): Promise<number> {
    const rows = await this.repo.lockEnded(now, organizationId ?? null);
    let closed = 0;
    for (const r of rows) {
      const period = periodBounds(r.periodKind, r.periodStart, r.timeZone);
      if (period.end.getTime() > now.getTime()) continue;
      const ctx = RequestContext.system(r.organizationId);
      const [scored] = await this.withScores(ctx, [r], now);
      const def = this.def(r.metricKey, r.entityType);
      const result = duelResult(scored.a.value, scored.b.value, toDirection(def.direction));
      await this.repo.close(r.id, now, { winner: result.winner, aValue: scored.a.value, bValue: scored.b.value, margin: result.margin });
      await this.audit.record(ctx, { entityType: 'PkDuel', entityId: r.id, action: 'FINAL', diff: { winner: result.winner, margin: result.margin } });
      closed++;
    }
    return closed;
  }
}
