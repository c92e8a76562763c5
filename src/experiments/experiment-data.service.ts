import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound, type FieldError } from '../common/errors.js';
import { decodeCursor, toConnection, type Connection } from '../common/graphql/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { canSeeLead, LeadsRepository } from '../leads/index.js';
import { AccessService } from '../organization/index.js';
import { ExperimentStatus, MetricKind, RandomizationUnit } from './entities/experiment-enums.js';
import type { Experiment, ExperimentDataEntry, ExperimentVariant } from './entities/experiment.entity.js';
import type { DailyCount } from './experiment-analysis.js';
import { allocateVariant, allocationPoint } from './experiment-rules.js';
import type { ExperimentDataEntryInput } from './dto/experiment.inputs.js';
import { ExperimentsRepository } from './experiments.repository.js';

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
    private readonly repo: ExperimentsRepository,
    private readonly leads: LeadsRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Owner, the squad's lead, managers over the squad, admins. */
  async canManage(ctx: RequestContext, e: Experiment): Promise<boolean> {
    const scope = await this.access.scope(ctx);
    return (scope.userId !== null && scope.userId === e.ownerId) || this.access.canManageSquad(scope, e.squadId);
  }

  /** Locks and returns an experiment of the caller's organization. */
  async lockExperiment(ctx: RequestContext, id: string, mode: 'pessimistic_write' | 'pessimistic_read' = 'pessimistic_write'): Promise<Experiment> {
    const e = await this.repo.lock(ctx.organizationId, id, mode);
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
    return this.tx.run(async () => {
      const e = await this.lockExperiment(ctx, experimentId);
      if (!(await this.canManage(ctx, e))) throw forbidden('Only the owner, their squad lead or managers can log data for this experiment.');
      if (e.metricKind !== MetricKind.LOGGED)
        throw conflict("A TRACKED experiment reads its outcome from the product's data; assign leads instead of logging counts.");
      if (e.status !== ExperimentStatus.RUNNING && e.status !== ExperimentStatus.STOPPED) {
        throw conflict(`Data can be logged while the experiment is RUNNING or STOPPED; it is ${e.status}.`);
      }
      const variants = await this.repo.variants(e.id);
      const byKey = new Map(variants.map((v) => [v.key, v]));
      const tz = await this.repo.organizationTimeZone(ctx.organizationId);
      const { today, startDay } = await this.repo.daysIn(tz, e.startedAt ?? e.createdAt);
      const fields = entryErrors(entries, byKey, today, startDay);
      if (fields.length) throw badInput(fields);
      assertTotals(variants, await this.repo.loggedTotals(e.id), entries, byKey);
      await this.repo.insertEntries(
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
      await this.repo.touch(e.id);
      await this.audit.record(ctx, {
        entityType: 'Experiment',
        entityId: e.id,
        action: 'DATA_LOGGED',
        diff: { entries: entries.map((x) => ({ ...x })), note: note ?? null, corrections: entries.some((x) => x.exposures < 0 || x.conversions < 0) },
      });
      return this.repo.getById(e.id);
    });
  }

  /**
   * Puts a lead into a variant of a RUNNING TRACKED experiment. Without a variant key the
   * variant is allocated deterministically by the planned weights from SHA-256 of (experiment,
   * unit): the lead, its squad or its cohort depending on the randomization unit. Idempotent: a
   * lead stays in its first variant (asking for another one is a CONFLICT).
   */
  async assignLead(ctx: RequestContext, experimentId: string, leadId: string, variantKey: string | null | undefined): Promise<AssignmentResult> {
    return this.tx.run(async () => {
      const e = await this.lockExperiment(ctx, experimentId, 'pessimistic_read');
      const lead = await this.leads.findInOrganization(ctx.organizationId, leadId);
      if (!lead) throw notFound('Lead', leadId);
      // Whatever the caller's rights on the experiment, the lead must be one lead(id) would show them.
      if (!canSeeLead(await this.access.scope(ctx), lead)) {
        throw forbidden('You can only assign leads you can see (your own, your squad’s pool, or the squads you lead or manage).');
      }
      const ownLead = ctx.userId !== null && lead.ownerId === ctx.userId && lead.squadId === e.squadId;
      if (!ownLead && !(await this.canManage(ctx, e))) {
        throw forbidden("Only the experiment's owner, its squad lead, managers, or the rep who owns the lead (in the experiment's squad) can assign it.");
      }
      if (e.metricKind !== MetricKind.TRACKED) throw conflict('Leads are assigned only in TRACKED experiments; log daily counts for LOGGED ones.');
      const variants = await this.repo.variants(e.id);
      const existing = await this.repo.findAssignment(e.id, leadId);
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
      const assignedAt = await this.repo.insertAssignment(ctx.organizationId, e.id, variant.id, lead.id, ctx.userId);
      if (assignedAt === null) {
        // A concurrent call assigned it first.
        const row = await this.repo.getAssignment(e.id, leadId);
        const key = variants.find((v) => v.id === row.variantId)!.key;
        if (variantKey && variantKey !== key) throw conflict(`The lead is already in variant "${key}" of this experiment.`, { variantKey: key });
        return { leadId, variantKey: key, assignedAt: row.assignedAt, created: false };
      }
      return { leadId, variantKey: variant.key, assignedAt, created: true };
    });
  }

  /**
   * The tracked outcome "converted to paid", per experiment, variant and day (organization time
   * zone): an exposure on the day a lead was assigned; a conversion on the day the lead first
   * reached a stage in CONVERTED_STAGES after its assignment and no later than the experiment
   * stopped. The one place that defines the tracked outcome (orders can replace stages here).
   */
  trackedOutcomes(organizationId: string, experimentIds: readonly string[]): Promise<(DailyCount & { experimentId: string })[]> {
    if (experimentIds.length === 0) return Promise.resolve([]);
    return this.repo.trackedOutcomes(organizationId, experimentIds);
  }

  /** Logged counts per experiment, variant and day (sums of the entries, corrections included). */
  loggedCounts(organizationId: string, experimentIds: readonly string[]): Promise<(DailyCount & { experimentId: string })[]> {
    if (experimentIds.length === 0) return Promise.resolve([]);
    return this.repo.loggedCounts(organizationId, experimentIds);
  }

  /** Daily counts of several experiments, whatever their metric kind (two statements). */
  async dailyCounts(organizationId: string, experimentIds: readonly string[]): Promise<Map<string, DailyCount[]>> {
    const out = new Map<string, DailyCount[]>(experimentIds.map((id) => [id, []]));
    const rows = [...(await this.loggedCounts(organizationId, experimentIds)), ...(await this.trackedOutcomes(organizationId, experimentIds))];
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
    let afterId: string | null = null;
    if (after) {
      const [id] = decodeCursor(after, 1);
      if (typeof id !== 'string' || !/^\d+$/.test(id)) throw badInput([{ field: 'after', message: 'is not a cursor returned by this list' }]);
      afterId = id;
    }
    const rows = await this.repo.entries(ctx.organizationId, experimentId, first, afterId);
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
  sharingCounts(organizationId: string, squadIds: readonly string[] | null, from: Date, to: Date): Promise<SharingCounts[]> {
    return this.repo.sharingCounts(organizationId, squadIds, from, to);
  }

  /** The squads of the organization's legions among `legionIds`, with their legion. */
  squadsOfLegions(organizationId: string, legionIds: string[]): Promise<{ id: string; legion_id: string }[]> {
    return this.repo.squadsOfLegions(organizationId, legionIds);
  }
}

/** BAD_USER_INPUT fields of entries naming no variant, a day that is not a date, in the future or before the start, or no counts. */
function entryErrors(entries: ExperimentDataEntryInput[], byKey: Map<string, ExperimentVariant>, today: string, startDay: string): FieldError[] {
  const fields: FieldError[] = [];
  entries.forEach((entry, i) => {
    if (!byKey.has(entry.variantKey)) fields.push({ field: `entries.${i}.variantKey`, message: `"${entry.variantKey}" is not a variant of this experiment` });
    if (!isCalendarDate(entry.day)) fields.push({ field: `entries.${i}.day`, message: 'is not a calendar date' });
    else if (entry.day > today) fields.push({ field: `entries.${i}.day`, message: `is in the future (today is ${today})` });
    else if (entry.day < startDay) fields.push({ field: `entries.${i}.day`, message: `is before the experiment started (${startDay})` });
    if (entry.exposures === 0 && entry.conversions === 0) fields.push({ field: `entries.${i}`, message: 'has no counts' });
  });
  return fields;
}

/**
 * Totals after the new entries, per (variant, day) and per variant: BAD_USER_INPUT when a
 * (variant, day) total would be negative or a variant's conversions would exceed its exposures.
 */
function assertTotals(
  variants: ExperimentVariant[],
  current: { variantId: string; day: string; exposures: number; conversions: number }[],
  entries: ExperimentDataEntryInput[],
  byKey: Map<string, ExperimentVariant>,
): void {
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
  for (const r of current) add(r.variantId, r.day, r.exposures, r.conversions);
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
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
