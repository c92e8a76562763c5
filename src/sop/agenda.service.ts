import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isOnTime } from '@lib/schedule';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../common/errors.js';
import { RequestContext } from '../common/request-context.js';
import { TransactionRunner } from '../database/transaction.js';
import { Lead } from '../leads/index.js';
import { AccessService, type AccessScope } from '../organization/index.js';
import { SquadMembership, User } from '../organization/index.js';
import { AgendaItem, AgendaItemStatus, ObjectionLog } from './entities/agenda-item.entity.js';
import { Cohort } from './entities/cohort.entity.js';
import { PlaybookObjection, PlaybookStep } from './entities/playbook.entity.js';

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

/** Longest range one agenda query may cover. */
export const MAX_AGENDA_DAYS = 62;
const MISS_BATCH = 1000;

/** The reps' agenda: reading items, completing, skipping, logging objections, marking missed ones. */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const user = await this.dataSource.manager.findOne(User, { where: { id: memberId, organizationId: ctx.organizationId } });
    if (!user) throw notFound('User', memberId);
    if (!scope.all && memberId !== scope.userId) {
      const open = await this.dataSource.manager
        .createQueryBuilder(SquadMembership, 'sm')
        .where('sm.user_id = :id AND sm.valid_to IS NULL', { id: memberId })
        .getOne();
      if (!open || !this.access.canManageSquad(scope, open.squadId)) {
        throw forbidden('You can see the agendas of the people of the squads you lead or manage; for your own, use myAgenda.');
      }
    }
    return this.list(ctx, { repId: memberId }, from, to);
  }

  /** Every item of a squad (its lead, its legion's managers, ADMIN). */
  async squadAgenda(ctx: RequestContext, squadId: string, from: Date, to: Date): Promise<AgendaItemView[]> {
    this.checkRange(from, to);
    const scope = await this.access.scope(ctx);
    const exists = await this.dataSource.manager.query('SELECT 1 FROM squad WHERE id = $1 AND organization_id = $2', [squadId, ctx.organizationId]);
    if (!exists.length) throw notFound('Squad', squadId);
    this.access.assertCanManageSquad(scope, squadId);
    return this.list(ctx, { squadId }, from, to);
  }

  async item(ctx: RequestContext, id: string): Promise<AgendaItemView> {
    const scope = await this.access.scope(ctx);
    const [view] = await this.views(this.dataSource.manager, ctx, [id]);
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
    return this.tx.run(async (m) => {
      const item = await this.lock(m, ctx, id);
      this.assertCanAct(scope, item, 'complete');
      if (item.status === AgendaItemStatus.CANCELLED) throw cancelledConflict(item);
      if (item.status !== AgendaItemStatus.DONE) {
        const step = await m.findOneOrFail(PlaybookStep, { where: { id: item.stepId } });
        const now = new Date();
        const onTime = isOnTime(item.dueAt, step.windowMinutes, now);
        await m.update(
          AgendaItem,
          { id: item.id },
          { status: AgendaItemStatus.DONE, completedAt: now, onTime, note: note?.trim() || null, actedById: ctx.userId },
        );
        await this.audit.record(ctx, {
          entityType: 'AgendaItem',
          entityId: item.id,
          action: 'COMPLETED',
          diff: { status: [item.status, AgendaItemStatus.DONE], onTime, completedAt: now.toISOString() },
        });
      }
      return (await this.views(m, ctx, [item.id]))[0]!;
    });
  }

  /** Skips a PENDING item with a reason (idempotent on SKIPPED; DONE and MISSED items cannot be skipped). */
  async skip(ctx: RequestContext, id: string, reason: string): Promise<AgendaItemView> {
    const why = reason.trim();
    if (!why) throw badInput([{ field: 'reason', message: 'say why the step is skipped' }]);
    const scope = await this.access.scope(ctx);
    return this.tx.run(async (m) => {
      const item = await this.lock(m, ctx, id);
      this.assertCanAct(scope, item, 'skip');
      if (item.status === AgendaItemStatus.DONE) throw conflict('This step is already done.');
      if (item.status === AgendaItemStatus.CANCELLED) throw cancelledConflict(item);
      if (item.status === AgendaItemStatus.MISSED) throw conflict('This step was missed; it can still be completed late, but not skipped afterwards.');
      if (item.status === AgendaItemStatus.PENDING) {
        if (item.windowEnd && item.windowEnd.getTime() < Date.now())
          throw conflict('The window of this step has passed; it can still be completed late, but not skipped.');
        await m.update(AgendaItem, { id: item.id }, { status: AgendaItemStatus.SKIPPED, skippedAt: new Date(), skipReason: why, actedById: ctx.userId });
        await this.audit.record(ctx, {
          entityType: 'AgendaItem',
          entityId: item.id,
          action: 'SKIPPED',
          diff: { status: [item.status, AgendaItemStatus.SKIPPED], reason: why },
        });
      }
      return (await this.views(m, ctx, [item.id]))[0]!;
    });
  }

  /** Records that the lead raised an objection on this item and which prepared answer was used (null = improvised). */
  async logObjection(ctx: RequestContext, itemId: string, objectionId: string, answerId: string | null, note?: string | null): Promise<ObjectionLog> {
    const scope = await this.access.scope(ctx);
    return this.tx.run(async (m) => {
      const item = await m.findOne(AgendaItem, { where: { id: itemId, organizationId: ctx.organizationId } });
      if (!item) throw notFound('Agenda item', itemId);
      this.assertCanAct(scope, item, 'log objections on');
      const step = await m.findOneOrFail(PlaybookStep, { where: { id: item.stepId } });
      const objection = await m.findOne(PlaybookObjection, { where: { id: objectionId, organizationId: ctx.organizationId } });
      if (!objection || objection.versionId !== step.versionId || (objection.stepKey !== null && objection.stepKey !== step.key)) {
        throw badInput([{ field: 'objectionId', message: "is not one of this step's objections (or its playbook's)" }]);
      }
      if (answerId !== null && !objection.answers.some((a) => a.id === answerId.toLowerCase())) {
        throw badInput([{ field: 'answerUsed', message: 'is not one of the prepared answers of this objection' }]);
      }
      const log = await m.save(
        m.create(ObjectionLog, {
          organizationId: ctx.organizationId,
          agendaItemId: item.id,
          objectionId: objection.id,
          answerId: answerId?.toLowerCase() ?? null,
          leadId: item.leadId,
          repId: item.repId,
          loggedById: ctx.userId,
          note: note?.trim() || null,
          loggedAt: new Date(),
        }),
      );
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
  async organizationsWithMissed(m: EntityManager, now: Date): Promise<string[]> {
    const rows: { organization_id: string }[] = await m.query(
      `SELECT DISTINCT organization_id FROM agenda_item WHERE status = 'PENDING' AND window_end < $1 ORDER BY organization_id`,
      [now],
    );
    return rows.map((r) => r.organization_id);
  }

  /**
   * Worker job: PENDING items whose window ended before `now` become MISSED, in batches locked
   * with FOR UPDATE SKIP LOCKED; the UPDATE re-checks the status, so two workers racing never
   * mark (or audit) an item twice. With `organizationId`, only that organization's items (one unit
   * of the job). Returns the number of items marked by this call.
   */
  async markMissed(m: EntityManager, now: Date, organizationId?: string): Promise<number> {
    let total = 0;
    for (;;) {
      // TypeORM returns [rows, rowCount] for an UPDATE ... RETURNING.
      const [list]: [{ id: string; organization_id: string; window_end: Date }[], number] = await m.query(
        `UPDATE agenda_item a SET status = 'MISSED', missed_at = $1, updated_at = now()
          WHERE a.id IN (SELECT id FROM agenda_item WHERE status = 'PENDING' AND window_end < $1 AND ($2::uuid IS NULL OR organization_id = $2)
                          ORDER BY window_end LIMIT ${MISS_BATCH} FOR UPDATE SKIP LOCKED)
            AND a.status = 'PENDING'
          RETURNING a.id, a.organization_id, a.window_end`,
        [now, organizationId ?? null],
      );
      if (!list.length) break;
      const byOrg = new Map<string, typeof list>();
      for (const r of list) byOrg.set(r.organization_id, [...(byOrg.get(r.organization_id) ?? []), r]);
      for (const [organizationId, items] of byOrg) {
        await this.audit.record(
          RequestContext.system(organizationId),
          items.map((r) => ({
            entityType: 'AgendaItem',
            entityId: r.id,
            action: 'MISSED',
            diff: { status: ['PENDING', 'MISSED'], windowEnd: new Date(r.window_end).toISOString() },
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
    return this.dataSource.manager.find(PlaybookStep, { where: { organizationId: ctx.organizationId, id: In([...ids]) } });
  }

  async leadsByIds(ctx: RequestContext, ids: readonly string[]): Promise<Lead[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(Lead, { where: { organizationId: ctx.organizationId, id: In([...ids]) } });
  }

  async logsByItemIds(ctx: RequestContext, ids: readonly string[]): Promise<ObjectionLog[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(ObjectionLog, {
      where: { organizationId: ctx.organizationId, agendaItemId: In([...ids]) },
      order: { loggedAt: 'ASC' },
    });
  }

  private async list(ctx: RequestContext, by: { repId?: string; squadId?: string }, from: Date, to: Date): Promise<AgendaItemView[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(AgendaItem, 'i')
      .innerJoin(Cohort, 'c', 'c.id = i.cohort_id')
      .addSelect('c.time_zone', 'tz')
      .where('i.organization_id = :org AND i.due_at >= :from AND i.due_at < :to', { org: ctx.organizationId, from, to });
    if (by.repId) qb.andWhere('i.rep_id = :rep', { rep: by.repId });
    if (by.squadId) qb.andWhere('i.squad_id = :squad', { squad: by.squadId });
    qb.orderBy('i.due_at', 'ASC').addOrderBy('i.id', 'ASC');
    return this.toViews(await qb.getRawAndEntities());
  }

  private async views(m: EntityManager, ctx: RequestContext, ids: string[]): Promise<AgendaItemView[]> {
    const res = await m
      .createQueryBuilder(AgendaItem, 'i')
      .innerJoin(Cohort, 'c', 'c.id = i.cohort_id')
      .addSelect('c.time_zone', 'tz')
      .where('i.organization_id = :org AND i.id = ANY(:ids)', { org: ctx.organizationId, ids })
      .getRawAndEntities();
    return this.toViews(res);
  }

  private toViews({ entities, raw }: { entities: AgendaItem[]; raw: { tz: string }[] }): AgendaItemView[] {
    const now = Date.now();
    return entities.map((e, i) => {
      // The worker may not have run yet: an open item past its window is shown as MISSED.
      const status = e.status === AgendaItemStatus.PENDING && e.windowEnd && e.windowEnd.getTime() < now ? AgendaItemStatus.MISSED : e.status;
      return Object.assign(e, { status, timeZone: raw[i]!.tz, day: e.dayOffset });
    });
  }

  private async lock(m: EntityManager, ctx: RequestContext, id: string): Promise<AgendaItem> {
    const item = await m
      .createQueryBuilder(AgendaItem, 'i')
      .setLock('pessimistic_write')
      .where('i.id = :id AND i.organization_id = :org', { id, org: ctx.organizationId })
      .getOne();
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
