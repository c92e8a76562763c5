import { Injectable } from '@nestjs/common';
import { badInput, forbidden, notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { ReadDb } from '../database/read-db.js';
import { AccessService } from '../organization/index.js';
import { ComplianceRepository, type ComplianceAggregateRow } from './compliance.repository.js';
import type { SopComplianceInput } from './dto/sop.inputs.js';

export interface ComplianceCounts {
  /** Denominator: due in the period, not SKIPPED or CANCELLED, and DONE, MISSED or past the on-time deadline. */
  counted: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  missed: number;
  /** Counted, still PENDING, no window (never MISSED) and past the 24h on-time grace. */
  overdue: number;
  skipped: number;
  /** Settled by a change of the lead (lost, refunded, converted, pooled): not counted. */
  cancelled: number;
  /** PENDING and still within the on-time deadline (not counted yet). */
  open: number;
  doneRate: number | null;
  onTimeRate: number | null;
}

export interface ComplianceRow extends ComplianceCounts {
  memberId: string | null;
  squadId: string | null;
}

export interface ComplianceReport {
  from: Date;
  to: Date;
  total: ComplianceRow;
  byMember: ComplianceRow[];
  bySquad: ComplianceRow[];
}

export interface ComplianceQuery {
  organizationId: string;
  /** Items due in [from, to). */
  from: Date;
  to: Date;
  /** Restrict to these reps / squads (undefined = no restriction; an empty list matches nothing). */
  memberIds?: string[];
  squadIds?: string[];
  /** Reference instant for "past the deadline" (default now). */
  now?: Date;
}

/** Numerator/denominator of a compliance metric per member or squad (for the metric catalog). */
export interface ComplianceParts {
  numerator: number;
  denominator: number;
}

const ZERO: ComplianceCounts = {
  counted: 0,
  done: 0,
  doneOnTime: 0,
  doneLate: 0,
  missed: 0,
  overdue: 0,
  skipped: 0,
  cancelled: 0,
  open: 0,
  doneRate: null,
  onTimeRate: null,
};

/**
 * SOP compliance computed in SQL over `agenda_item` (see docs/sop.md for the definition).
 * `report` is the GraphQL use case (with access checks); `compute` and `parts` are for other
 * contexts (metrics catalog: "SOP on-time rate" = parts(..., 'ON_TIME')), which check access themselves.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly repo: ComplianceRepository,
    private readonly readDb: ReadDb,
    private readonly access: AccessService,
  ) {}

  async report(ctx: RequestContext, input: SopComplianceInput): Promise<ComplianceReport> {
    if (input.to.getTime() <= input.from.getTime()) throw badInput([{ field: 'to', message: 'must be after from' }]);
    if (input.to.getTime() - input.from.getTime() > 400 * 86400_000) throw badInput([{ field: 'to', message: 'the period can span at most 400 days' }]);
    const scope = await this.access.scope(ctx);
    let memberIds: string[] | undefined;
    let squadIds: string[] | undefined;
    if (input.squadId) {
      if (!(await this.repo.squadExists(ctx.organizationId, input.squadId))) throw notFound('Squad', input.squadId);
      // One rule for squadId and memberId: a member's rows are seen by the member and by whoever
      // manages their squad. A squad's report is made of its members' rows, so it needs the latter.
      if (!this.access.canManageSquad(scope, input.squadId))
        throw forbidden('You can see the SOP compliance of the squads you lead or manage (and your own, without squadId).');
      squadIds = [input.squadId];
    }
    if (input.memberId) {
      const member = await this.repo.memberSquad(ctx.organizationId, input.memberId);
      if (!member) throw notFound('User', input.memberId);
      const squadId = member.squadId;
      if (!scope.all && input.memberId !== scope.userId && !(squadId && this.access.canManageSquad(scope, squadId))) {
        throw forbidden('You can see your own SOP compliance and that of the people of the squads you lead or manage.');
      }
      memberIds = [input.memberId];
    }
    if (!input.squadId && !input.memberId && !scope.all) {
      // Everything the caller may see: their own items and those of the squads they manage.
      if (scope.manageSquadIds.length) squadIds = scope.manageSquadIds;
      else memberIds = scope.userId ? [scope.userId] : [];
    }
    // The aggregate (the heavy part) on the read replica when configured; the checks above on the primary.
    return this.readDb.run(() => this.compute({ organizationId: ctx.organizationId, from: input.from, to: input.to, memberIds, squadIds }));
  }

  /** Totals, per member and per squad, in one statement (GROUPING SETS). */
  async compute(q: ComplianceQuery): Promise<ComplianceReport> {
    const rows = await this.repo.aggregate({ ...q, now: q.now ?? new Date() });
    const report: ComplianceReport = { from: q.from, to: q.to, total: { ...ZERO, memberId: null, squadId: null }, byMember: [], bySquad: [] };
    for (const r of rows) {
      const counts = toCounts(r);
      if (r.group === 'TOTAL') report.total = { ...counts, memberId: null, squadId: null };
      else if (r.group === 'MEMBER') report.byMember.push({ ...counts, memberId: r.repId, squadId: null });
      else report.bySquad.push({ ...counts, memberId: null, squadId: r.squadId });
    }
    const order = (a: ComplianceRow, b: ComplianceRow) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.counted - a.counted;
    report.byMember.sort((a, b) => order(a, b) || String(a.memberId).localeCompare(String(b.memberId)));
    report.bySquad.sort((a, b) => order(a, b) || String(a.squadId).localeCompare(String(b.squadId)));
    return report;
  }

  /**
   * Metric parts for members or squads over [start, end): ON_TIME = doneOnTime / counted (the
   * "SOP on-time rate"), DONE = done / counted. Every requested id is in the map (0 / 0 when it
   * had nothing counted).
   */
  async parts(
    req: { organizationId: string; entityType: 'MEMBER' | 'SQUAD'; entityIds: string[]; start: Date; end: Date; now?: Date },
    measure: 'ON_TIME' | 'DONE' = 'ON_TIME',
  ): Promise<Map<string, ComplianceParts>> {
    const report = await this.compute({
      organizationId: req.organizationId,
      from: req.start,
      to: req.end,
      now: req.now,
      ...(req.entityType === 'MEMBER' ? { memberIds: req.entityIds } : { squadIds: req.entityIds }),
    });
    const rows = req.entityType === 'MEMBER' ? report.byMember : report.bySquad;
    const byId = new Map(rows.map((r) => [(req.entityType === 'MEMBER' ? r.memberId : r.squadId)!, r]));
    return new Map(
      req.entityIds.map((id) => {
        const r = byId.get(id);
        return [id, { numerator: r ? (measure === 'ON_TIME' ? r.doneOnTime : r.done) : 0, denominator: r?.counted ?? 0 }];
      }),
    );
  }
}

function toCounts(r: ComplianceAggregateRow): ComplianceCounts {
  const { counted, done, doneOnTime } = r;
  return {
    counted,
    done,
    doneOnTime,
    doneLate: done - doneOnTime,
    missed: r.missed,
    overdue: r.overdue,
    skipped: r.skipped,
    cancelled: r.cancelled,
    open: r.open,
    doneRate: counted ? done / counted : null,
    onTimeRate: counted ? doneOnTime / counted : null,
  };
}
