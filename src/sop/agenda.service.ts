import { Injectable } from '@nestjs/common';
import { isOnTime } from '@lib/schedule';
import { AuditService } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import type { Lead } from '../leads/index.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { AgendaRepository, type AgendaItemRow, type AgendaSheetRow } from './agenda.repository.js';
import { AgendaItemStatus, type AgendaItem, type ObjectionLog } from './entities/agenda-item.entity.js';
import type { PlaybookStep } from './entities/playbook.entity.js';
import { PlaybookRepository } from './playbook.repository.js';

/** An agenda item as shown: the stored row plus its cohort's time zone and the status as of now. */
export interface AgendaItemView extends AgendaItem {
  timeZone: string;
  day: number;
}

const CANCEL_WHY: Record<string, string> = {
  LEAD_LOST: 'the lead was lost',
  LEAD_REFUNDED: 'the lead was refunded',
  LEAD_CONVERTED: 'the lead bought (a pre-sales step)',
  REASSIGNED: 'the lead went back to the pool',
  REP_DEACTIVATED: 'its rep was deactivated',
};

function cancelledConflict(item: AgendaItem) {
  return conflict(`This step was cancelled because ${CANCEL_WHY[item.cancelReason ?? ''] ?? 'the lead changed'}.`, {
    cancelReason: item.cancelReason,
    cancelledAt: item.cancelledAt?.toISOString() ?? null,
  });
}

/** The item as shown (the worker may not have run yet: an open item past its window is shown as MISSED). */
function asView(e: AgendaItem, timeZone: string, now: number): AgendaItemView {
  const status = e.status === AgendaItemStatus.PENDING && e.windowEnd && e.windowEnd.getTime() < now ? AgendaItemStatus.MISSED : e.status;
  return Object.assign(e, { status, timeZone, day: e.dayOffset });
}

/** Longest range one agenda query may cover. */
export const MAX_AGENDA_DAYS = 62;
const MISS_BATCH = 1000;

/** An agenda sheet's item as shown, with what its statement read besides it (docs/sop.md "Agenda sheet"). */
export interface AgendaSheetItem extends Omit<AgendaSheetRow, 'item'> {
  item: AgendaItemView;
}

/** The reps' agenda: reading items, completing, skipping, logging objections, marking missed ones. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly repo: AgendaRepository,
    private readonly playbooks: PlaybookRepository,
    private readonly tx: TransactionRunner,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async myAgenda(ctx: RequestContext, from: Date, to: Date): Promise<AgendaItemView[]> {
    if (!ctx.userId) throw unauthenticated('Sign in as a user to see your agenda.');
    this.checkRange(from, to);
    return this.list(ctx, { repId: ctx.userId }, from, to);
  }

  /** A member's agenda: themselves, the leads of their squad, managers of its legion, ADMIN. */
  async agenda(ctx: RequestContext, memberId: string, from: Date, to: Date): Promise<AgendaItemView[]> {
    this.checkRange(from, to);
    const scope = await this.access.scope(ctx);
    if (!(await this.repo.userExists(ctx.organizationId, memberId))) throw notFound('User', memberId);
    if (!scope.all && memberId !== scope.userId) {
      const squadId = await this.repo.currentSquadOf(memberId);
      if (!squadId || !this.access.canManageSquad(scope, squadId)) {
        throw forbidden('You can see the agendas of the people of the squads you lead or manage; for your own, use myAgenda.');
      }
    }
    return this.list(ctx, { repId: memberId }, from, to);
  }

  /** myAgenda's items for an agenda sheet, each with its script context, lead and objection logs, in one statement. */
  async myAgendaSheet(ctx: RequestContext, from: Date, to: Date): Promise<AgendaSheetItem[]> {
    if (!ctx.userId) throw unauthenticated('Sign in as a user to see your agenda.');
    this.checkRange(from, to);
    return this.sheetItems((await this.repo.sheetRows(ctx.organizationId, { repId: ctx.userId }, from, to)).rows);
  }

  /**
   * squadAgenda's items for an agenda sheet, for the same callers and with the same errors
   * (NOT_FOUND before FORBIDDEN), in one statement: a squad the caller manages without ADMIN
   * rights is one of the organization's already (the scope is read within it); for ADMIN the
   * statement checks that the squad exists; anyone else gets the separate check and an error.
   */
  async squadAgendaSheet(ctx: RequestContext, squadId: string, from: Date, to: Date): Promise<AgendaSheetItem[]> {
    this.checkRange(from, to);
    const scope = await this.access.scope(ctx);
    if (!this.access.canManageSquad(scope, squadId)) {
      if (!(await this.repo.squadExists(ctx.organizationId, squadId))) throw notFound('Squad', squadId);
      this.access.assertCanManageSquad(scope, squadId);
    }
    const { squadFound, rows } = await this.repo.sheetRows(ctx.organizationId, { squadId, squadMustExist: scope.all }, from, to);
    if (!squadFound) throw notFound('Squad', squadId);
    return this.sheetItems(rows);
  }

  /** Every item of a squad (its lead, its legion's managers, ADMIN). */
  async squadAgenda(ctx: RequestContext, squadId: string, from: Date, to: Date): Promise<AgendaItemView[]> {
    this.checkRange(from, to);
    const scope = await this.access.scope(ctx);
    if (!(await this.repo.squadExists(ctx.organizationId, squadId))) throw notFound('Squad', squadId);
    this.access.assertCanManageSquad(scope, squadId);
    return this.list(ctx, { squadId }, from, to);
  }

  async item(ctx: RequestContext, id: string): Promise<AgendaItemView> {
    const scope = await this.access.scope(ctx);
    const [view] = await this.views(ctx, [id]);
    if (!view) throw notFound('Agenda item', id);
    this.assertCanAct(scope, view, 'see');
    return view;
  }

  /**
   * Marks an item done now and records whether it was on time. Idempotent: completing a DONE
   * item returns it unchanged (same completedAt, no second audit entry).
   */
  async complete(ctx: RequestContext, id: string, note?: string | null): Promise<AgendaItemView> {
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const item = await this.lock(ctx, id);
      this.assertCanAct(scope, item, 'complete');
      if (item.status === AgendaItemStatus.CANCELLED) throw cancelledConflict(item);
      if (item.status !== AgendaItemStatus.DONE) {
        const step = await this.playbooks.step(item.stepId);
        const now = new Date();
        const onTime = isOnTime(item.dueAt, step.windowMinutes, now);
        await this.repo.update(item.id, { status: AgendaItemStatus.DONE, completedAt: now, onTime, note: note?.trim() || null, actedById: ctx.userId });
        await this.audit.record(ctx, {
          entityType: 'AgendaItem',
          entityId: item.id,
          action: 'COMPLETED',
          diff: { status: [item.status, AgendaItemStatus.DONE], onTime, completedAt: now.toISOString() },
        });
      }
      return (await this.views(ctx, [item.id]))[0]!;
    });
  }

  /** Skips a PENDING item with a reason (idempotent on SKIPPED; DONE and MISSED items cannot be skipped). */
  async skip(ctx: RequestContext, id: string, reason: string): Promise<AgendaItemView> {
    const why = reason.trim();
    if (!why) throw badInput([{ field: 'reason', message: 'say why the step is skipped' }]);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const item = await this.lock(ctx, id);
      this.assertCanAct(scope, item, 'skip');
      if (item.status === AgendaItemStatus.DONE) throw conflict('This step is already done.');
      if (item.status === AgendaItemStatus.CANCELLED) throw cancelledConflict(item);
      if (item.status === AgendaItemStatus.MISSED) throw conflict('This step was missed; it can still be completed late, but not skipped afterwards.');
      if (item.status === AgendaItemStatus.PENDING) {
        if (item.windowEnd && item.windowEnd.getTime() < Date.now())
          throw conflict('The window of this step has passed; it can still be completed late, but not skipped.');
        await this.repo.update(item.id, { status: AgendaItemStatus.SKIPPED, skippedAt: new Date(), skipReason: why, actedById: ctx.userId });
        await this.audit.record(ctx, {
          entityType: 'AgendaItem',
          entityId: item.id,
          action: 'SKIPPED',
          diff: { status: [item.status, AgendaItemStatus.SKIPPED], reason: why },
        });
      }
      return (await this.views(ctx, [item.id]))[0]!;
    });
  }

  /** Records that the lead raised an objection on this item and which prepared answer was used (null = improvised). */
  async logObjection(ctx: RequestContext, itemId: string, objectionId: string, answerId: string | null, note?: string | null): Promise<ObjectionLog> {
    const scope = await this.access.scope(ctx);
    return this.tx.run(async () => {
      const item = await this.repo.item(ctx.organizationId, itemId);
      if (!item) throw notFound('Agenda item', itemId);
      this.assertCanAct(scope, item, 'log objections on');
      const step = await this.playbooks.step(item.stepId);
      const objection = await this.playbooks.objection(ctx.organizationId, objectionId);
      if (!objection || objection.versionId !== step.versionId || (objection.stepKey !== null && objection.stepKey !== step.key)) {
        throw badInput([{ field: 'objectionId', message: "is not one of this step's objections (or its playbook's)" }]);
      }
      if (answerId !== null && !objection.answers.some((a) => a.id === answerId.toLowerCase())) {
        throw badInput([{ field: 'answerUsed', message: 'is not one of the prepared answers of this objection' }]);
      }
      const log = await this.repo.insertObjectionLog({
        organizationId: ctx.organizationId,
        agendaItemId: item.id,
        objectionId: objection.id,
        answerId: answerId?.toLowerCase() ?? null,
        leadId: item.leadId,
        repId: item.repId,
        loggedById: ctx.userId,
        note: note?.trim() || null,
        loggedAt: new Date(),
      });
      await this.audit.record(ctx, {
        entityType: 'AgendaItem',
        entityId: item.id,
        action: 'OBJECTION_LOGGED',
        diff: { objectionId: objection.id, objectionKey: objection.key, answerId: log.answerId },
      });
      return log;
    });
  }

  /** Organizations with PENDING items whose window ended before `now` (the mark-missed job's units). */
  async organizationsWithMissed(now: Date): Promise<string[]> {
    return this.repo.organizationsWithMissed(now);
  }

  /**
   * Worker job: PENDING items whose window ended before `now` become MISSED, in batches locked
   * with FOR UPDATE SKIP LOCKED; the UPDATE re-checks the status, so two workers racing never
   * mark (or audit) an item twice. With `organizationId`, only that organization's items (one unit
   * of the job). Returns the number of items marked by this call.
   */
  async markMissed(now: Date, organizationId?: string): Promise<number> {
    let total = 0;
    for (;;) {
      const list = await this.repo.markMissedBatch(now, organizationId ?? null, MISS_BATCH);
      if (!list.length) break;
      const byOrg = new Map<string, typeof list>();
      for (const r of list) byOrg.set(r.organizationId, [...(byOrg.get(r.organizationId) ?? []), r]);
      for (const [organizationId, items] of byOrg) {
        await this.audit.record(
          RequestContext.system(organizationId),
          items.map((r) => ({
            entityType: 'AgendaItem',
            entityId: r.id,
            action: 'MISSED',
            diff: { status: ['PENDING', 'MISSED'], windowEnd: r.windowEnd.toISOString() },
          })),
        );
      }
      total += list.length;
      if (list.length < MISS_BATCH) break;
    }
    return total;
  }

  // ---- loading ----

  async stepsByIds(ctx: RequestContext, ids: readonly string[]): Promise<PlaybookStep[]> {
    if (!ids.length) return [];
    return this.playbooks.stepsByIds(ctx.organizationId, ids);
  }

  async leadsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Lead[]> {
    if (!ids.length) return [];
    return this.repo.leadsByIds(ctx.organizationId, ids);
  }

  async logsByItemIds(ctx: RequestContext, ids: readonly string[]): Promise<ObjectionLog[]> {
    if (!ids.length) return [];
    return this.repo.logsByItemIds(ctx.organizationId, ids);
  }

  private async list(ctx: RequestContext, by: { repId?: string; squadId?: string }, from: Date, to: Date): Promise<AgendaItemView[]> {
    return this.toViews(await this.repo.list(ctx.organizationId, by, from, to));
  }

  private async views(ctx: RequestContext, ids: string[]): Promise<AgendaItemView[]> {
    return this.toViews(await this.repo.withTimeZones(ctx.organizationId, ids));
  }

  private toViews(rows: AgendaItemRow[]): AgendaItemView[] {
    const now = Date.now();
    return rows.map((r) => asView(r.item, r.timeZone, now));
  }

  private sheetItems(rows: AgendaSheetRow[]): AgendaSheetItem[] {
    const now = Date.now();
    return rows.map((r) => ({ ...r, item: asView(r.item, r.timeZone, now) }));
  }

  private async lock(ctx: RequestContext, id: string): Promise<AgendaItem> {
    const item = await this.repo.lock(ctx.organizationId, id);
    if (!item) throw notFound('Agenda item', id);
    return item;
  }

  private assertCanAct(scope: AccessScope, item: AgendaItem, verb: string): void {
    if (item.repId === scope.userId || this.access.canManageSquad(scope, item.squadId)) return;
    throw forbidden(`You can only ${verb} your own agenda items (or those of the squads you lead or manage).`);
  }

  private checkRange(from: Date, to: Date): void {
    if (to.getTime() <= from.getTime()) throw badInput([{ field: 'to', message: 'must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_AGENDA_DAYS * 86400_000)
      throw badInput([{ field: 'to', message: `the range can span at most ${MAX_AGENDA_DAYS} days` }]);
  }
}
