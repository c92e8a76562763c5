import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound, type FieldError } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { Lead } from '../leads/index.js';
import { CONVERTED_STAGES } from '../leads/index.js';
import { canSeeLead } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { Organization } from '../organization/index.js';
import { ExperimentStatus, MetricKind, RandomizationUnit } from './entities/experiment-enums.js';
import { Experiment, ExperimentAssignment, ExperimentDataEntry, ExperimentVariant } from './entities/experiment.entity.js';
import type { DailyCount } from './experiment-analysis.js';
import { allocateVariant, allocationPoint } from './experiment-rules.js';
import type { ExperimentDataEntryInput } from './dto/experiment.inputs.js';

export interface SharingCounts {
  squadId: string;
  /** Experiments of the squad published in [from, to). */
  experimentsPublished: number;
  /** Adoptions, in [from, to), of the squad's experiments by other squads. */
  adoptionsReceived: number;
}

export interface AssignmentResult {
  leadId: string;
  variantKey: string;
  assignedAt: Date;
  created: boolean;
}

/** The data behind experiments: logged counts, tracked assignments and outcomes, sharing counts. */
@Injectable()
export class ExperimentDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Owner, the squad's lead, managers over the squad, admins. */
  async canManage(ctx: RequestContext, e: Experiment, _m?: EntityManager): Promise<boolean> {
    const scope = await this.access.scope(ctx);
    return (scope.userId !== null && scope.userId === e.ownerId) || this.access.canManageSquad(scope, e.squadId);
  }

  /** Locks and returns an experiment of the caller's organization. */
  async lockExperiment(
    m: EntityManager,
    ctx: RequestContext,
    id: string,
    mode: 'pessimistic_write' | 'pessimistic_read' = 'pessimistic_write',
  ): Promise<Experiment> {
    const e = await m
      .createQueryBuilder(Experiment, 'e')
      .setLock(mode)
      .where('e.id = :id AND e.organization_id = :org', { id, org: ctx.organizationId })
      .getOne();
    if (!e) throw notFound('Experiment', id);
    return e;
  }

  /**
   * Appends logged counts (LOGGED experiments, while RUNNING or STOPPED). Entries are never
   * changed: a correction is a new entry with negative deltas. After the entries, every
   * (variant, day) total must stay ≥ 0 and each variant's conversions may not exceed its
   * exposures; otherwise nothing is written.
   */
  async logData(ctx: RequestContext, experimentId: string, entries: ExperimentDataEntryInput[], note: string | null | undefined): Promise<Experiment> {
    return this.tx.run(async (m) => {
      const e = await this.lockExperiment(m, ctx, experimentId);
      if (!(await this.canManage(ctx, e, m))) throw forbidden('Only the owner, their squad lead or managers can log data for this experiment.');
      if (e.metricKind !== MetricKind.LOGGED)
        throw conflict("A TRACKED experiment reads its outcome from the product's data; assign leads instead of logging counts.");
      if (e.status !== ExperimentStatus.RUNNING && e.status !== ExperimentStatus.STOPPED) {
        throw conflict(`Data can be logged while the experiment is RUNNING or STOPPED; it is ${e.status}.`);
      }
      const variants = await m.find(ExperimentVariant, { where: { experimentId: e.id }, order: { position: 'ASC' } });
      const byKey = new Map(variants.map((v) => [v.key, v]));
      const tz = (await m.findOneOrFail(Organization, { where: { id: ctx.organizationId } })).timeZone;
      const [{ today, startDay }] = (await m.query(
        `SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS today, to_char(($2::timestamptz AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS "startDay"`,
        [tz, e.startedAt ?? e.createdAt],
      )) as { today: string; startDay: string }[];

      const fields: FieldError[] = [];
      entries.forEach((entry, i) => {
        if (!byKey.has(entry.variantKey))
          fields.push({ field: `entries.${i}.variantKey`, message: `"${entry.variantKey}" is not a variant of this experiment` });
        if (!isCalendarDate(entry.day)) fields.push({ field: `entries.${i}.day`, message: 'is not a calendar date' });
        else if (entry.day > today) fields.push({ field: `entries.${i}.day`, message: `is in the future (today is ${today})` });
        else if (entry.day < startDay) fields.push({ field: `entries.${i}.day`, message: `is before the experiment started (${startDay})` });
        if (entry.exposures === 0 && entry.conversions === 0) fields.push({ field: `entries.${i}`, message: 'has no counts' });
      });
      if (fields.length) throw badInput(fields);

      // Totals after the new entries, per (variant, day) and per variant.
      const current = (await m.query(
        `SELECT variant_id AS "variantId", to_char(day, 'YYYY-MM-DD') AS day, SUM(exposures)::bigint AS exposures, SUM(conversions)::bigint AS conversions
           FROM experiment_data_entry WHERE experiment_id = $1 GROUP BY variant_id, day`,
        [e.id],
      )) as { variantId: string; day: string; exposures: string; conversions: string }[];
      const perDay = new Map<string, { exposures: number; conversions: number }>();
      const perVariant = new Map<string, { exposures: number; conversions: number }>(variants.map((v) => [v.id, { exposures: 0, conversions: 0 }]));
      const add = (variantId: string, day: string, x: number, c: number) => {
        const k = `${variantId}|${day}`;
        const d = perDay.get(k) ?? { exposures: 0, conversions: 0 };
        d.exposures += x;
        d.conversions += c;
        perDay.set(k, d);
        const t = perVariant.get(variantId)!;
        t.exposures += x;
        t.conversions += c;
      };
      for (const r of current) add(r.variantId, r.day, Number(r.exposures), Number(r.conversions));
      for (const entry of entries) add(byKey.get(entry.variantKey)!.id, entry.day, entry.exposures, entry.conversions);
      const keyOf = new Map(variants.map((v) => [v.id, v.key]));
      for (const [k, d] of perDay) {
        if (d.exposures < 0 || d.conversions < 0) {
          const [variantId, day] = k.split('|');
          throw badInput(
            [
              {
                field: 'entries',
                message: `the total for "${keyOf.get(variantId)}" on ${day} would be negative (${d.exposures} exposures, ${d.conversions} conversions)`,
              },
            ],
            `A correction cannot take the total for "${keyOf.get(variantId)}" on ${day} below zero.`,
          );
        }
      }
      for (const [variantId, t] of perVariant) {
        if (t.conversions > t.exposures) {
          throw badInput([
            {
              field: 'entries',
              message: `"${keyOf.get(variantId)}" would have ${t.conversions} conversions for ${t.exposures} exposures; conversions cannot exceed exposures`,
            },
          ]);
        }
      }

      await m.insert(
        ExperimentDataEntry,
        entries.map((entry) => ({
          organizationId: ctx.organizationId,
          experimentId: e.id,
          variantId: byKey.get(entry.variantKey)!.id,
          day: entry.day,
          exposures: entry.exposures,
          conversions: entry.conversions,
          note: note?.trim() || null,
          recordedById: ctx.userId,
        })),
      );
      await m.query(`UPDATE experiment SET updated_at = now() WHERE id = $1`, [e.id]);
      await this.audit.record(ctx, {
        entityType: 'Experiment',
        entityId: e.id,
        action: 'DATA_LOGGED',
        diff: { entries: entries.map((x) => ({ ...x })), note: note ?? null, corrections: entries.some((x) => x.exposures < 0 || x.conversions < 0) },
      });
      return m.findOneOrFail(Experiment, { where: { id: e.id } });
    });
  }

  /**
   * Puts a lead into a variant of a RUNNING TRACKED experiment. Without a variant key the
   * variant is allocated deterministically by the planned weights from SHA-256 of (experiment,
   * unit): the lead, its squad or its cohort depending on the randomization unit. Idempotent: a
   * lead stays in its first variant (asking for another one is a CONFLICT).
   */
  async assignLead(ctx: RequestContext, experimentId: string, leadId: string, variantKey: string | null | undefined): Promise<AssignmentResult> {
    return this.tx.run(async (m) => {
      const e = await this.lockExperiment(m, ctx, experimentId, 'pessimistic_read');
      const lead = await m.findOne(Lead, { where: { id: leadId, organizationId: ctx.organizationId } });
      if (!lead) throw notFound('Lead', leadId);
      // Whatever the caller's rights on the experiment, the lead must be one lead(id) would show them.
      if (!canSeeLead(await this.access.scope(ctx), lead)) {
        throw forbidden('You can only assign leads you can see (your own, your squad’s pool, or the squads you lead or manage).');
      }
      const ownLead = ctx.userId !== null && lead.ownerId === ctx.userId && lead.squadId === e.squadId;
      if (!ownLead && !(await this.canManage(ctx, e, m))) {
        throw forbidden("Only the experiment's owner, its squad lead, managers, or the rep who owns the lead (in the experiment's squad) can assign it.");
      }
      if (e.metricKind !== MetricKind.TRACKED) throw conflict('Leads are assigned only in TRACKED experiments; log daily counts for LOGGED ones.');
      const variants = await m.find(ExperimentVariant, { where: { experimentId: e.id }, order: { position: 'ASC' } });
      const existing = await m.findOne(ExperimentAssignment, { where: { experimentId: e.id, leadId } });
      if (existing) {
        const key = variants.find((v) => v.id === existing.variantId)!.key;
        if (variantKey && variantKey !== key) throw conflict(`The lead is already in variant "${key}" of this experiment.`, { variantKey: key });
        return { leadId, variantKey: key, assignedAt: existing.assignedAt, created: false };
      }
      if (e.status !== ExperimentStatus.RUNNING) throw conflict(`Leads can be assigned while the experiment is RUNNING; it is ${e.status}.`);
      let variant: ExperimentVariant;
      if (variantKey) {
        const v = variants.find((x) => x.key === variantKey);
        if (!v) throw badInput([{ field: 'variantKey', message: `"${variantKey}" is not a variant of this experiment` }]);
        variant = v;
      } else {
        const unit =
          e.randomizationUnit === RandomizationUnit.LEAD
            ? lead.id
            : e.randomizationUnit === RandomizationUnit.SQUAD
              ? lead.squadId
              : lead.cohortRef?.trim() || null;
        if (!unit) throw badInput([{ field: 'leadId', message: `the lead has no ${e.randomizationUnit.toLowerCase()} to randomize by` }]);
        variant = allocateVariant(variants, allocationPoint(e.id, unit));
      }
      const inserted = (await m.query(
        `INSERT INTO experiment_assignment (organization_id, experiment_id, variant_id, lead_id, assigned_at, assigned_by_id)
         VALUES ($1, $2, $3, $4, now(), $5) ON CONFLICT (experiment_id, lead_id) DO NOTHING RETURNING assigned_at`,
        [ctx.organizationId, e.id, variant.id, lead.id, ctx.userId],
      )) as { assigned_at: Date }[];
      if (inserted.length === 0) {
        // A concurrent call assigned it first.
        const row = await m.findOneOrFail(ExperimentAssignment, { where: { experimentId: e.id, leadId } });
        const key = variants.find((v) => v.id === row.variantId)!.key;
        if (variantKey && variantKey !== key) throw conflict(`The lead is already in variant "${key}" of this experiment.`, { variantKey: key });
        return { leadId, variantKey: key, assignedAt: row.assignedAt, created: false };
      }
      return { leadId, variantKey: variant.key, assignedAt: new Date(inserted[0].assigned_at), created: true };
    });
  }

  /**
   * The tracked outcome "converted to paid", per experiment, variant and day (organization time
   * zone): an exposure on the day a lead was assigned; a conversion on the day the lead first
   * reached a stage in CONVERTED_STAGES after its assignment and no later than the experiment
   * stopped. The one place that defines the tracked outcome (orders can replace stages here).
   */
  async trackedOutcomes(m: EntityManager, organizationId: string, experimentIds: readonly string[]): Promise<(DailyCount & { experimentId: string })[]> {
    if (experimentIds.length === 0) return [];
    const rows = (await m.query(
      `WITH per_lead AS (
         SELECT a.experiment_id, a.variant_id, a.assigned_at, o.time_zone AS tz,
                (SELECT MIN(c.changed_at) FROM lead_stage_change c
                  WHERE c.lead_id = a.lead_id AND c.organization_id = a.organization_id
                    AND c.to_stage::text = ANY($3::text[])
                    AND c.changed_at >= a.assigned_at
                    AND (e.stopped_at IS NULL OR c.changed_at <= e.stopped_at)) AS converted_at
           FROM experiment_assignment a
           JOIN experiment e ON e.id = a.experiment_id
           JOIN organization o ON o.id = e.organization_id
          WHERE a.organization_id = $1 AND a.experiment_id = ANY($2::uuid[]) AND e.metric_kind = 'TRACKED'
       )
       SELECT experiment_id AS "experimentId", variant_id AS "variantId", to_char(day, 'YYYY-MM-DD') AS day,
              SUM(exposures)::bigint AS exposures, SUM(conversions)::bigint AS conversions
         FROM (SELECT experiment_id, variant_id, (assigned_at AT TIME ZONE tz)::date AS day, 1 AS exposures, 0 AS conversions FROM per_lead
               UNION ALL
               SELECT experiment_id, variant_id, (converted_at AT TIME ZONE tz)::date, 0, 1 FROM per_lead WHERE converted_at IS NOT NULL) x
        GROUP BY experiment_id, variant_id, day
        ORDER BY experiment_id, day, variant_id`,
      [organizationId, [...experimentIds], [...CONVERTED_STAGES]],
    )) as { experimentId: string; variantId: string; day: string; exposures: string; conversions: string }[];
    return rows.map((r) => ({ ...r, exposures: Number(r.exposures), conversions: Number(r.conversions) }));
  }

  /** Logged counts per experiment, variant and day (sums of the entries, corrections included). */
  async loggedCounts(m: EntityManager, organizationId: string, experimentIds: readonly string[]): Promise<(DailyCount & { experimentId: string })[]> {
    if (experimentIds.length === 0) return [];
    const rows = (await m.query(
      `SELECT d.experiment_id AS "experimentId", d.variant_id AS "variantId", to_char(d.day, 'YYYY-MM-DD') AS day,
              SUM(d.exposures)::bigint AS exposures, SUM(d.conversions)::bigint AS conversions
         FROM experiment_data_entry d JOIN experiment e ON e.id = d.experiment_id
        WHERE d.organization_id = $1 AND d.experiment_id = ANY($2::uuid[]) AND e.metric_kind = 'LOGGED'
        GROUP BY d.experiment_id, d.variant_id, d.day
        ORDER BY d.experiment_id, d.day, d.variant_id`,
      [organizationId, [...experimentIds]],
    )) as { experimentId: string; variantId: string; day: string; exposures: string; conversions: string }[];
    return rows.map((r) => ({ ...r, exposures: Number(r.exposures), conversions: Number(r.conversions) }));
  }

  /** Daily counts of several experiments, whatever their metric kind (two statements). */
  async dailyCounts(m: EntityManager, organizationId: string, experimentIds: readonly string[]): Promise<Map<string, DailyCount[]>> {
    const out = new Map<string, DailyCount[]>(experimentIds.map((id) => [id, []]));
    const rows = [...(await this.loggedCounts(m, organizationId, experimentIds)), ...(await this.trackedOutcomes(m, organizationId, experimentIds))];
    for (const r of rows) out.get(r.experimentId)?.push({ variantId: r.variantId, day: r.day, exposures: r.exposures, conversions: r.conversions });
    return out;
  }

  /** Logged entries of an experiment, newest first (who logged what, when). */
  async entries(
    ctx: RequestContext,
    experimentId: string,
    first: number,
    after?: string | null,
  ): Promise<Connection<ExperimentDataEntry & { variantKey: string }>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ExperimentDataEntry, 'd')
      .innerJoin(ExperimentVariant, 'v', 'v.id = d.variant_id')
      .addSelect('v.key', 'variant_key')
      .where('d.organization_id = :org AND d.experiment_id = :id', { org: ctx.organizationId, id: experimentId })
      .orderBy('d.id', 'DESC')
      .limit(first + 1);
    if (after) {
      const [id] = decodeCursor(after, 1);
      if (typeof id !== 'string' || !/^\d+$/.test(id)) throw badInput([{ field: 'after', message: 'is not a cursor returned by this list' }]);
      qb.andWhere('d.id < :cid', { cid: id });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ variant_key: string }>();
    const rows = entities.map((d, i) => Object.assign(d, { variantKey: raw[i].variant_key }));
    return toConnection(
      rows,
      first,
      (d) => [d.id],
      (d) => d,
    );
  }

  /**
   * Per squad over [from, to): "experiments published" = the squad's experiments whose
   * publication falls in the period; "adoptions received" = adoptions in the period, by other
   * squads, of experiments run by the squad. Credit goes to the experiment's squad (where it was
   * run), not the owner's current squad. Every squad of the organization (or of `squadIds`) gets
   * a row, zeros included.
   */
  async sharingCounts(
    organizationId: string,
    squadIds: readonly string[] | null,
    from: Date,
    to: Date,
    m: EntityManager = this.dataSource.manager,
  ): Promise<SharingCounts[]> {
    const rows = (await m.query(
      `WITH pub AS (
         SELECT squad_id, COUNT(*) AS n FROM experiment
          WHERE organization_id = $1 AND published_at >= $2 AND published_at < $3 GROUP BY squad_id
       ), adopted AS (
         SELECT e.squad_id, COUNT(*) AS n FROM experiment_adoption a JOIN experiment e ON e.id = a.experiment_id
          WHERE a.organization_id = $1 AND a.adopted_at >= $2 AND a.adopted_at < $3 GROUP BY e.squad_id
       )
       SELECT s.id AS "squadId", COALESCE(pub.n, 0)::int AS "experimentsPublished", COALESCE(adopted.n, 0)::int AS "adoptionsReceived"
         FROM squad s LEFT JOIN pub ON pub.squad_id = s.id LEFT JOIN adopted ON adopted.squad_id = s.id
        WHERE s.organization_id = $1 AND ($4::uuid[] IS NULL OR s.id = ANY($4::uuid[]))
        ORDER BY s.id`,
      [organizationId, from, to, squadIds === null ? null : [...squadIds]],
    )) as SharingCounts[];
    return rows.map((r) => ({ squadId: r.squadId, experimentsPublished: Number(r.experimentsPublished), adoptionsReceived: Number(r.adoptionsReceived) }));
  }
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
