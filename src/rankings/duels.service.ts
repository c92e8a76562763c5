import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { duelResult, seasonTable } from '@lib/ranking';
import { periodBounds, type PeriodBounds } from '@lib/schedule';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { MetricEntityType, type MetricDefinition, type MetricParts } from '../metrics/index.js';
import { MetricsService, PeriodKind } from '../metrics/index.js';
import { AccessService } from '../organization/index.js';
import { Role } from '../organization/index.js';
import { toDirection } from './board-engine.js';
import type { CreateDuelInput } from './dto/rankings.inputs.js';
import { RankingPeriodKind, RankingScope } from './entities/ranking.entities.js';
import { DuelStatus, type DuelModel, type SeasonRowModel } from './models/rankings.models.js';

interface DuelRow {
  id: string;
  organization_id: string;
  entity_type: RankingScope;
  a_id: string;
  b_id: string;
  a_name: string;
  b_name: string;
  metric_key: string;
  period_kind: RankingPeriodKind;
  period_start: string;
  season: string | null;
  closed_at: Date | null;
  winner: string | null;
  a_value: number | null;
  b_value: number | null;
  margin: number | null;
  time_zone: string;
}

const DUEL_SQL = `SELECT d.id, d.organization_id, d.entity_type, d.a_id, d.b_id, d.metric_key, d.period_kind, to_char(d.period_start, 'YYYY-MM-DD') AS period_start,
    d.season, d.closed_at, d.winner, d.a_value, d.b_value, d.margin, o.time_zone,
    CASE WHEN d.entity_type = 'SQUAD' THEN (SELECT name FROM squad WHERE id = d.a_id) ELSE (SELECT name FROM app_user WHERE id = d.a_id) END AS a_name,
    CASE WHEN d.entity_type = 'SQUAD' THEN (SELECT name FROM squad WHERE id = d.b_id) ELSE (SELECT name FROM app_user WHERE id = d.b_id) END AS b_name
  FROM pk_duel d JOIN organization o ON o.id = d.organization_id`;

/**
 * PK duels: two squads (or two reps) on one metric over one period. Live score while the period
 * runs, the final result (winner, margin) frozen by the worker once it has ended, and a season
 * table (3 points per win, 1 per draw). Everyone in the organization can follow duels.
 */
@Injectable()
export class DuelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
  ) {}

  private def(key: string, entityType: RankingScope): MetricDefinition {
    return this.metrics.definitions([key], entityType === RankingScope.SQUAD ? MetricEntityType.SQUAD : MetricEntityType.MEMBER)[0];
  }

  /** ADMIN, MANAGER (squads of their legions, or reps in them); LEAD for two reps of squads they lead. */
  async create(ctx: RequestContext, input: CreateDuelInput, now = new Date()): Promise<DuelModel> {
    return this.tx.run((m) => this.createIn(m, ctx, input, now));
  }

  async createIn(m: EntityManager, ctx: RequestContext, input: CreateDuelInput, now = new Date()): Promise<DuelModel> {
    this.access.assertRole(ctx, Role.ADMIN, Role.MANAGER, Role.LEAD);
    if (input.aId === input.bId) throw badInput([{ field: 'input.bId', message: 'a side cannot duel itself' }]);
    if (!(Object.values(RankingPeriodKind) as string[]).includes(input.period.kind))
      throw badInput([{ field: 'input.period.kind', message: 'duels run over a DAY, ISO_WEEK, MONTH or QUARTER' }]);
    const def = this.def(input.metricKey, input.entityType);
    const tz = ctx.timeZone ?? (await this.metrics.organizationTimeZone(ctx));
    const period = periodBounds(input.period.kind as unknown as RankingPeriodKind, input.period.start, tz);
    if (period.end.getTime() <= now.getTime()) throw badInput([{ field: 'input.period.start', message: `${period.label} has already ended` }]);
    const scope = await this.access.scope(ctx, m);
    // The two sides and the squads that make them manageable (a squad itself, or a rep's current squad).
    const sides: { id: string; squad_id: string | null; kind: string }[] =
      input.entityType === RankingScope.SQUAD
        ? await m.query(
            'SELECT s.id, s.id AS squad_id, l.kind::text AS kind FROM squad s JOIN legion l ON l.id = s.legion_id WHERE s.id = ANY($1::uuid[]) AND s.organization_id = $2',
            [[input.aId, input.bId], ctx.organizationId],
          )
        : await m.query(
            `SELECT u.id, sm.squad_id, l.kind::text AS kind FROM app_user u
             JOIN squad_membership sm ON sm.user_id = u.id AND sm.valid_to IS NULL JOIN squad s ON s.id = sm.squad_id JOIN legion l ON l.id = s.legion_id
             WHERE u.id = ANY($1::uuid[]) AND u.organization_id = $2 AND u.role = 'MEMBER'`,
            [[input.aId, input.bId], ctx.organizationId],
          );
    for (const id of [input.aId, input.bId]) {
      if (!sides.some((s) => s.id === id)) throw notFound(input.entityType === RankingScope.SQUAD ? 'Squad' : 'Rep in a squad', id);
    }
    if (sides.some((s) => s.kind !== def.teamKind)) throw badInput([{ field: 'input.metricKey', message: `${def.key} is a ${def.teamKind} metric` }]);
    if (input.entityType === RankingScope.SQUAD && ctx.role === Role.LEAD) throw forbidden('Squad duels are set up by managers.');
    if (!sides.every((s) => this.access.canManageSquad(scope, s.squad_id!))) throw forbidden('You can only set up duels between teams you manage.');
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO pk_duel (organization_id, entity_type, a_id, b_id, metric_key, period_kind, label, period_start, period_end, season, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        ctx.organizationId,
        input.entityType,
        input.aId,
        input.bId,
        def.key,
        period.kind,
        period.label,
        period.startDate,
        period.endDate,
        input.season ?? null,
        ctx.userId,
      ],
    );
    await this.audit.record(ctx, {
      entityType: 'PkDuel',
      entityId: inserted[0].id,
      action: 'CREATED',
      diff: { a: input.aId, b: input.bId, metricKey: def.key, period: period.label, season: input.season ?? null },
    });
    return (await this.withScores(m, ctx, await this.rows(m, ctx.organizationId, { ids: [inserted[0].id] }), now))[0];
  }

  private rows(m: EntityManager, organizationId: string, f: { ids?: string[]; season?: string | null; status?: DuelStatus | null }): Promise<DuelRow[]> {
    return m.query(
      `${DUEL_SQL} WHERE d.organization_id = $1 AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[])) AND ($3::text IS NULL OR d.season = $3::text)
         AND ($4::text IS NULL OR ($4::text = 'FINAL') = (d.closed_at IS NOT NULL))
       ORDER BY d.period_start DESC, d.created_at DESC LIMIT 500`,
      [organizationId, f.ids ?? null, f.season ?? null, f.status === DuelStatus.FINAL ? 'FINAL' : f.status ? 'OPEN' : null],
    );
  }

  /** Live scores for open duels: one metricValues call per (entity type, metric, period) group, whatever the number of duels. */
  private async withScores(m: EntityManager, ctx: RequestContext, rows: DuelRow[], now: Date): Promise<DuelModel[]> {
    const groups = new Map<string, { rows: DuelRow[]; ids: Set<string> }>();
    for (const r of rows) {
      if (r.closed_at) continue;
      const key = `${r.entity_type}|${r.metric_key}|${r.period_kind}|${r.period_start}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rows: [], ids: new Set() }));
      g.rows.push(r);
      g.ids.add(r.a_id).add(r.b_id);
    }
    const live = new Map<string, Map<string, MetricParts & { value: number | null }>>();
    const system = RequestContext.system(ctx.organizationId);
    for (const [key, g] of groups) {
      const r = g.rows[0];
      system.timeZone = r.time_zone;
      const res = await this.metrics.metricValues(system, {
        metricKeys: [r.metric_key],
        entityType: r.entity_type === RankingScope.SQUAD ? MetricEntityType.SQUAD : MetricEntityType.MEMBER,
        entityIds: [...g.ids],
        period: { kind: r.period_kind as unknown as PeriodKind, start: r.period_start },
      });
      live.set(key, new Map(res.values.map((v) => [v.entityId, { numerator: v.numerator, denominator: v.denominator, value: v.value }])));
    }
    return rows.map((r) => {
      const def = this.def(r.metric_key, r.entity_type);
      const period = periodBounds(r.period_kind, r.period_start, r.time_zone);
      const scores = live.get(`${r.entity_type}|${r.metric_key}|${r.period_kind}|${r.period_start}`);
      const side = (id: string, name: string, stored: number | null) => {
        const s = scores?.get(id);
        return r.closed_at
          ? { id, name, value: stored, numerator: null, denominator: null }
          : { id, name, value: s?.value ?? null, numerator: s?.numerator ?? null, denominator: s?.denominator ?? null };
      };
      const a = side(r.a_id, r.a_name, r.a_value);
      const b = side(r.b_id, r.b_name, r.b_value);
      const result = r.closed_at ? { winner: r.winner, margin: r.margin } : duelResult(a.value, b.value, toDirection(def.direction));
      return {
        id: r.id,
        entityType: r.entity_type,
        metricKey: r.metric_key,
        direction: def.direction,
        period: this.periodModel(period),
        season: r.season,
        status: r.closed_at
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
        closedAt: r.closed_at,
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
    const m = this.dataSource.manager;
    const rows = await this.rows(m, ctx.organizationId, { ids: [id] });
    if (!rows.length) throw notFound('Duel', id);
    return (await this.withScores(m, ctx, rows, now))[0];
  }

  async duels(ctx: RequestContext, filter: { season?: string | null; status?: DuelStatus | null }, now = new Date()): Promise<DuelModel[]> {
    const m = this.dataSource.manager;
    const all = await this.withScores(m, ctx, await this.rows(m, ctx.organizationId, filter), now);
    return filter.status ? all.filter((d) => d.status === filter.status) : all;
  }

  /** The season table from the final results of a season's duels (seasonTable of @lib/ranking). */
  async season(ctx: RequestContext, season: string, entityType: RankingScope): Promise<SeasonRowModel[]> {
    const m = this.dataSource.manager;
    const rows: DuelRow[] = await m.query(
      `${DUEL_SQL} WHERE d.organization_id = $1 AND d.season = $2 AND d.entity_type = $3 AND d.closed_at IS NOT NULL ORDER BY d.period_start, d.id`,
      [ctx.organizationId, season, entityType],
    );
    const names = new Map<string, string>();
    for (const r of rows) names.set(r.a_id, r.a_name).set(r.b_id, r.b_name);
    return seasonTable(rows.map((r) => ({ a: r.a_id, b: r.b_id, winner: r.winner as 'A' | 'B' | 'DRAW' | null }))).map((row) => ({
      entity: { id: row.id, name: names.get(row.id) ?? '' },
      wins: row.wins,
      losses: row.losses,
      draws: row.draws,
      points: row.points,
    }));
  }

  /** Organizations with open duels whose period may have ended by `now` (the closing job's units). */
  async organizationsWithEnded(m: EntityManager, now: Date): Promise<string[]> {
    const rows: { organization_id: string }[] = await m.query(
      `SELECT DISTINCT d.organization_id FROM pk_duel d JOIN organization o ON o.id = d.organization_id
        WHERE d.closed_at IS NULL AND d.period_end <= ($1::timestamptz AT TIME ZONE o.time_zone)::date ORDER BY d.organization_id`,
      [now],
    );
    return rows.map((r) => r.organization_id);
  }

  /**
   * Worker: freezes the result of every duel whose period has ended (in its organization's time
   * zone); with `organizationId`, only that organization's duels (one unit of the job).
   */
  async closeEnded(m: EntityManager, now: Date, organizationId?: string): Promise<number> {
    const rows: DuelRow[] = await m.query(
      `${DUEL_SQL} WHERE d.closed_at IS NULL AND d.period_end <= ($1::timestamptz AT TIME ZONE o.time_zone)::date
         AND ($2::uuid IS NULL OR d.organization_id = $2) FOR UPDATE OF d SKIP LOCKED`,
      [now, organizationId ?? null],
    );
    let closed = 0;
    for (const r of rows) {
      const period = periodBounds(r.period_kind, r.period_start, r.time_zone);
      if (period.end.getTime() > now.getTime()) continue;
      const ctx = RequestContext.system(r.organization_id);
      const [scored] = await this.withScores(m, ctx, [r], now);
      const def = this.def(r.metric_key, r.entity_type);
      const result = duelResult(scored.a.value, scored.b.value, toDirection(def.direction));
      await m.query(`UPDATE pk_duel SET closed_at = $2, winner = $3, a_value = $4, b_value = $5, margin = $6 WHERE id = $1 AND closed_at IS NULL`, [
        r.id,
        now,
        result.winner,
        scored.a.value,
        scored.b.value,
        result.margin,
      ]);
      await this.audit.record(ctx, { entityType: 'PkDuel', entityId: r.id, action: 'FINAL', diff: { winner: result.winner, margin: result.margin } });
      closed++;
    }
    return closed;
  }
}
