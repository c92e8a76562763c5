import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db } from '../database/transaction.js';
import { Lead, leadsSql } from '../leads/index.js';
import { orgSql } from '../organization/index.js';
import { AgendaItem, type AgendaCancelReason, type AgendaItemStatus, ObjectionLog } from './entities/agenda-item.entity.js';
import { Cohort } from './entities/cohort.entity.js';

/** An agenda item with its cohort's time zone. */
export interface AgendaItemRow {
  item: AgendaItem;
  timeZone: string;
}

/** An item changed by a settling UPDATE, with its status before. */
export interface SettledItemRow {
  id: string;
  status: string;
}

/** An item reopened, with the reason it had been cancelled for. */
export interface ReopenedItemRow {
  id: string;
  cancelReason: string;
}

/** An item marked MISSED by the worker. */
export interface MissedItemRow {
  id: string;
  organizationId: string;
  windowEnd: Date;
}

/** What an item's script values read besides its lead (agenda sheet rendering). */
export interface ItemContextRow {
  itemId: string;
  cohortName: string;
  startDate: string;
  timeZone: string;
  offerDeadline: Date | null;
  cohortProduct: string | null;
  versionId: string;
  versionStatus: string;
  playbookProduct: string | null;
  repName: string | null;
  squadName: string | null;
}

/** The lead an agenda item is about, as the sheet shows it and its scripts read it. */
export interface AgendaLeadRow {
  id: string;
  name: string;
  persona: string | null;
  tier: string | null;
  stage: string;
}

/** One item of an agenda sheet with everything it shows besides the playbook content: cohort, context, lead, objection logs. */
export interface AgendaSheetRow {
  item: AgendaItem;
  timeZone: string;
  context: ItemContextRow;
  lead: AgendaLeadRow | null;
  logs: ObjectionLog[];
}

/** Columns of an agenda item (`i`) as the entity names them, plus its cohort (`c`), version (`v`), playbook (`p`), lead (`l`) and logs (`g`). */
const SHEET_COLUMNS = `i.id, i.organization_id, i.cohort_id, i.step_id, i.rep_id, i.squad_id, i.lead_id, i.day_offset, i.due_at,
       i.local_date::text AS local_date, i.local_time, i.window_end, i.on_time_deadline, i.status::text AS status, i.completed_at, i.on_time,
       i.note, i.skipped_at, i.skip_reason, i.missed_at, i.cancelled_at, i.cancel_reason::text AS cancel_reason, i.acted_by_id, i.created_at, i.updated_at,
       c.time_zone, c.name AS cohort_name, c.start_date::text AS start_date, c.offer_deadline, c.product_name AS cohort_product,
       v.id AS version_id, v.status::text AS version_status, p.product_name AS playbook_product,
       ${orgSql.user.name('i.rep_id', 'i.organization_id')} AS rep_name,
       ${orgSql.squad.name('i.squad_id', 'i.organization_id')} AS squad_name,
       l.name AS lead_name, l.persona AS lead_persona, l.tier AS lead_tier, l.stage::text AS lead_stage,
       g.id AS log_id, g.objection_id AS log_objection_id, g.answer_id AS log_answer_id, g.lead_id AS log_lead_id, g.rep_id AS log_rep_id,
       g.logged_by_id AS log_logged_by_id, g.note AS log_note, g.logged_at AS log_logged_at`;

/** Statements over agenda items and objection logs. */
@Injectable()
export class AgendaRepository {
  constructor(private readonly db: Db) {}

  /** Whether the user is of the organization. */
  async userExists(organizationId: string, userId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT x.id FROM ${orgSql.user.as('x')} WHERE x.id = $1 AND x.organization_id = $2`, [userId, organizationId]);
    return rows.length > 0;
  }

  /** The user's current squad (null when in none). */
  async currentSquadOf(userId: string): Promise<string | null> {
    const [row] = await this.db.query<{ squad_id: string | null }>(`SELECT ${orgSql.membership.squadNow('$1')} AS squad_id`, [userId]);
    return row?.squad_id ?? null;
  }

  /** Whether the squad is of the organization. */
  async squadExists(organizationId: string, squadId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM ${orgSql.squad.as('q')} WHERE q.id = $1 AND q.organization_id = $2`, [squadId, organizationId]);
    return rows.length > 0;
  }

  /** Items of a rep or squad due in [from, to), by due time, with their cohort's time zone. */
  async list(organizationId: string, by: { repId?: string; squadId?: string }, from: Date, to: Date): Promise<AgendaItemRow[]> {
    const qb = this.db.manager
      .createQueryBuilder(AgendaItem, 'i')
      .innerJoin(Cohort, 'c', 'c.id = i.cohort_id')
      .addSelect('c.time_zone', 'tz')
      .where('i.organization_id = :org AND i.due_at >= :from AND i.due_at < :to', { org: organizationId, from, to });
    if (by.repId) qb.andWhere('i.rep_id = :rep', { rep: by.repId });
    if (by.squadId) qb.andWhere('i.squad_id = :squad', { squad: by.squadId });
    qb.orderBy('i.due_at', 'ASC').addOrderBy('i.id', 'ASC');
    return withTimeZones(await qb.getRawAndEntities());
  }

  /**
   * An agenda sheet's rows in one statement: the items of a rep or squad due in [from, to) (by due
   * time), each with its cohort's time zone, its script context (as `itemContexts`), its lead and
   * its objection logs (oldest first). With `squadMustExist`, also whether `by.squadId` is a squad
   * of the organization (`squadFound`; always true otherwise).
   */
  async sheetRows(
    organizationId: string,
    by: { repId: string } | { squadId: string; squadMustExist: boolean },
    from: Date,
    to: Date,
  ): Promise<{ squadFound: boolean; rows: AgendaSheetRow[] }> {
    const owner = 'repId' in by ? 'i.rep_id = $4' : 'i.squad_id = $4';
    const items = `SELECT ${SHEET_COLUMNS}
         FROM agenda_item i
         JOIN cohort c ON c.id = i.cohort_id
         JOIN playbook_version v ON v.id = c.playbook_version_id
         JOIN playbook p ON p.id = v.playbook_id
         LEFT JOIN (${leadsSql.leads()}) l ON l.id = i.lead_id AND l.organization_id = i.organization_id
         LEFT JOIN objection_log g ON g.agenda_item_id = i.id AND g.organization_id = i.organization_id
        WHERE i.organization_id = $1 AND i.due_at >= $2 AND i.due_at < $3 AND ${owner}`;
    const order = 'ORDER BY x.due_at, x.id, x.log_logged_at, x.log_id';
    const sql =
      'squadId' in by && by.squadMustExist
        ? `SELECT f.squad_found, x.* FROM (SELECT EXISTS (SELECT 1 FROM ${orgSql.squad.as('q')} WHERE q.organization_id = $1 AND q.id = $4) AS squad_found) f
             LEFT JOIN (${items}) x ON true ${order}`
        : `SELECT true AS squad_found, x.* FROM (${items}) x ${order}`;
    const raw = await this.db.query<Record<string, unknown>>(sql, [organizationId, from, to, 'repId' in by ? by.repId : by.squadId]);
    return { squadFound: raw.length === 0 || raw[0]!.squad_found === true, rows: sheetRowsOf(raw) };
  }

  /** Items of the organization by id, with their cohort's time zone. */
  async withTimeZones(organizationId: string, ids: string[]): Promise<AgendaItemRow[]> {
    const res = await this.db.manager
      .createQueryBuilder(AgendaItem, 'i')
      .innerJoin(Cohort, 'c', 'c.id = i.cohort_id')
      .addSelect('c.time_zone', 'tz')
      .where('i.organization_id = :org AND i.id = ANY(:ids)', { org: organizationId, ids })
      .getRawAndEntities();
    return withTimeZones(res);
  }

  /** One item of the organization, locked FOR UPDATE. */
  lock(organizationId: string, id: string): Promise<AgendaItem | null> {
    return this.db.manager
      .createQueryBuilder(AgendaItem, 'i')
      .setLock('pessimistic_write')
      .where('i.id = :id AND i.organization_id = :org', { id, org: organizationId })
      .getOne();
  }

  /** One item of the organization. */
  item(organizationId: string, id: string): Promise<AgendaItem | null> {
    return this.db.repo(AgendaItem).findOne({ where: { id, organizationId } });
  }

  /** Writes fields of one item (completion, skip). */
  async update(
    id: string,
    patch: Partial<Pick<AgendaItem, 'status' | 'completedAt' | 'onTime' | 'note' | 'actedById' | 'skippedAt' | 'skipReason'>>,
  ): Promise<void> {
    await this.db.repo(AgendaItem).update({ id }, patch);
  }

  /** Inserts an objection log. */
  insertObjectionLog(values: Omit<ObjectionLog, 'id' | 'createdAt'>): Promise<ObjectionLog> {
    const repo = this.db.repo(ObjectionLog);
    return repo.save(repo.create(values));
  }

  /** Objection logs of these items, oldest first. */
  logsByItemIds(organizationId: string, ids: readonly string[]): Promise<ObjectionLog[]> {
    return this.db.repo(ObjectionLog).find({ where: { organizationId, agendaItemId: In([...ids]) }, order: { loggedAt: 'ASC' } });
  }

  /** Leads of the organization by id (the leads context's entity, for script values and the item's lead field). */
  leadsByIds(organizationId: string, ids: readonly string[]): Promise<Lead[]> {
    return this.db.repo(Lead).find({ where: { organizationId, id: In([...ids]) } });
  }

  /** Organizations with PENDING items whose window ended before `now`. */
  async organizationsWithMissed(now: Date): Promise<string[]> {
    const rows = await this.db.query<{ organization_id: string }>(
      `SELECT DISTINCT organization_id FROM agenda_item WHERE status = 'PENDING' AND window_end < $1 ORDER BY organization_id`,
      [now],
    );
    return rows.map((r) => r.organization_id);
  }

  /**
   * Marks up to `batch` PENDING items whose window ended before `now` MISSED (FOR UPDATE SKIP
   * LOCKED; the UPDATE re-checks the status), optionally of one organization.
   */
  async markMissedBatch(now: Date, organizationId: string | null, batch: number): Promise<MissedItemRow[]> {
    // TypeORM returns [rows, rowCount] for an UPDATE ... RETURNING.
    const [rows] = (await this.db.query(
      `UPDATE agenda_item a SET status = 'MISSED', missed_at = $1, updated_at = now()
        WHERE a.id IN (SELECT id FROM agenda_item WHERE status = 'PENDING' AND window_end < $1 AND ($2::uuid IS NULL OR organization_id = $2)
                        ORDER BY window_end LIMIT ${batch} FOR UPDATE SKIP LOCKED)
          AND a.status = 'PENDING'
        RETURNING a.id, a.organization_id, a.window_end`,
      [now, organizationId],
    )) as unknown as [{ id: string; organization_id: string; window_end: Date }[], number];
    return rows.map((r) => ({ id: r.id, organizationId: r.organization_id, windowEnd: new Date(r.window_end) }));
  }

  /**
   * Cancels the lead's open items at `at` (PENDING with the window still ahead, MISSED whose window
   * ended after `at`), except after-purchase steps with `keepAfterPurchase`.
   */
  async cancelOpenOfLead(organizationId: string, leadId: string, reason: AgendaCancelReason, at: Date, keepAfterPurchase: boolean): Promise<SettledItemRow[]> {
    const [rows] = (await this.db.query(
      `UPDATE agenda_item a SET status = 'CANCELLED', cancelled_at = $3, cancel_reason = $4::agenda_cancel_reason,
              missed_at = NULL, updated_at = now()
         FROM agenda_item o
        WHERE o.id = a.id AND a.lead_id = $1 AND a.organization_id = $2
          AND ((a.status = 'PENDING' AND (a.window_end IS NULL OR a.window_end > $3)) OR (a.status = 'MISSED' AND a.window_end > $3))
          AND NOT ($5::boolean AND EXISTS (SELECT 1 FROM playbook_step s WHERE s.id = a.step_id AND s.after_purchase))
        RETURNING a.id, o.status`,
      [leadId, organizationId, at, reason, keepAfterPurchase],
    )) as unknown as [SettledItemRow[], number];
    return rows;
  }

  /** Cancels the lead's open items of one cohort at `at` (as cancelOpenOfLead, no after-purchase exception). */
  async cancelOpenOfLeadInCohort(organizationId: string, leadId: string, cohortId: string, reason: AgendaCancelReason, at: Date): Promise<SettledItemRow[]> {
    const [rows] = (await this.db.query(
      `UPDATE agenda_item a SET status = 'CANCELLED', cancelled_at = $4, cancel_reason = $5::agenda_cancel_reason, missed_at = NULL, updated_at = now()
         FROM agenda_item o
        WHERE o.id = a.id AND a.lead_id = $1 AND a.cohort_id = $2 AND a.organization_id = $3
          AND ((a.status = 'PENDING' AND (a.window_end IS NULL OR a.window_end > $4)) OR (a.status = 'MISSED' AND a.window_end > $4))
        RETURNING a.id, o.status`,
      [leadId, cohortId, organizationId, at, reason],
    )) as unknown as [SettledItemRow[], number];
    return rows;
  }

  /**
   * Reopens the lead's items of `ownerId` cancelled for one of `reasons` whose window is still
   * ahead of `at` (only after-purchase steps with `afterPurchaseOnly`).
   */
  async reopenOfLead(
    organizationId: string,
    leadId: string,
    ownerId: string,
    reasons: AgendaCancelReason[],
    at: Date,
    afterPurchaseOnly: boolean,
  ): Promise<ReopenedItemRow[]> {
    const [rows] = (await this.db.query(
      `UPDATE agenda_item a SET status = 'PENDING', cancelled_at = NULL, cancel_reason = NULL, updated_at = now()
         FROM agenda_item o
        WHERE o.id = a.id AND a.lead_id = $1 AND a.organization_id = $2 AND a.rep_id = $3 AND a.status = 'CANCELLED'
          AND a.cancel_reason = ANY($4::agenda_cancel_reason[]) AND COALESCE(a.window_end, a.on_time_deadline) > $5
          AND (NOT $6::boolean OR EXISTS (SELECT 1 FROM playbook_step s WHERE s.id = a.step_id AND s.after_purchase))
        RETURNING a.id, o.cancel_reason`,
      [leadId, organizationId, ownerId, reasons, at, afterPurchaseOnly],
    )) as unknown as [{ id: string; cancel_reason: string }[], number];
    return rows.map((r) => ({ id: r.id, cancelReason: r.cancel_reason }));
  }

  /** Cancels (REP_DEACTIVATED) the rep's pending group items (no lead) whose window is still ahead of `at`; their ids. */
  async cancelRepGroupItems(organizationId: string, userId: string, at: Date): Promise<string[]> {
    const [rows] = (await this.db.query(
      `UPDATE agenda_item SET status = 'CANCELLED', cancelled_at = $3, cancel_reason = 'REP_DEACTIVATED', updated_at = now()
        WHERE rep_id = $1 AND organization_id = $2 AND lead_id IS NULL AND status = 'PENDING' AND (window_end IS NULL OR window_end > $3)
        RETURNING id`,
      [userId, organizationId, at],
    )) as unknown as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  /** Cohort, version, playbook, rep and squad of each item, in one statement. */
  async itemContexts(organizationId: string, itemIds: readonly string[]): Promise<ItemContextRow[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT i.id AS item_id, c.name AS cohort_name, c.start_date::text AS start_date, c.time_zone, c.offer_deadline, c.product_name AS cohort_product,
              v.id AS version_id, v.status::text AS version_status, p.product_name AS playbook_product,
              ${orgSql.user.name('i.rep_id', 'i.organization_id')} AS rep_name,
              ${orgSql.squad.name('i.squad_id', 'i.organization_id')} AS squad_name
         FROM agenda_item i
         JOIN cohort c ON c.id = i.cohort_id
         JOIN playbook_version v ON v.id = c.playbook_version_id
         JOIN playbook p ON p.id = v.playbook_id
        WHERE i.organization_id = $1 AND i.id = ANY($2::uuid[])`,
      [organizationId, [...itemIds]],
    );
    return rows.map((r) => contextOf(r, r.item_id as string));
  }
}

/** An item's script context from a row of `itemContexts` or `sheetRows` (the same column names). */
function contextOf(r: Record<string, unknown>, itemId: string) {
  return {
    itemId,
    cohortName: r.cohort_name as string,
    startDate: r.start_date as string,
    timeZone: r.time_zone as string,
    offerDeadline: (r.offer_deadline as Date | null) ?? null,
    cohortProduct: (r.cohort_product as string | null) ?? null,
    versionId: r.version_id as string,
    versionStatus: r.version_status as string,
    playbookProduct: (r.playbook_product as string | null) ?? null,
    repName: (r.rep_name as string | null) ?? null,
    squadName: (r.squad_name as string | null) ?? null,
  };
}

/** Groups the joined rows of `sheetRows` (one per item and log, ordered by item) into items. */
function sheetRowsOf(raw: Record<string, unknown>[]): AgendaSheetRow[] {
  const out: AgendaSheetRow[] = [];
  for (const r of raw) {
    if (r.id == null) continue; // the squad check's row when the squad has no items
    let last = out[out.length - 1];
    if (last?.item.id !== r.id) {
      last = {
        item: {
          id: r.id as string,
          organizationId: r.organization_id as string,
          cohortId: r.cohort_id as string,
          stepId: r.step_id as string,
          repId: r.rep_id as string,
          squadId: r.squad_id as string,
          leadId: (r.lead_id as string | null) ?? null,
          dayOffset: r.day_offset as number,
          dueAt: r.due_at as Date,
          localDate: r.local_date as string,
          localTime: r.local_time as string,
          windowEnd: (r.window_end as Date | null) ?? null,
          onTimeDeadline: r.on_time_deadline as Date,
          status: r.status as AgendaItemStatus,
          completedAt: (r.completed_at as Date | null) ?? null,
          onTime: (r.on_time as boolean | null) ?? null,
          note: (r.note as string | null) ?? null,
          skippedAt: (r.skipped_at as Date | null) ?? null,
          skipReason: (r.skip_reason as string | null) ?? null,
          missedAt: (r.missed_at as Date | null) ?? null,
          cancelledAt: (r.cancelled_at as Date | null) ?? null,
          cancelReason: (r.cancel_reason as AgendaCancelReason | null) ?? null,
          actedById: (r.acted_by_id as string | null) ?? null,
          createdAt: r.created_at as Date,
          updatedAt: r.updated_at as Date,
        },
        timeZone: r.time_zone as string,
        context: contextOf(r, r.id as string),
        lead:
          r.lead_id != null && r.lead_name != null
            ? {
                id: r.lead_id as string,
                name: r.lead_name as string,
                persona: (r.lead_persona as string | null) ?? null,
                tier: (r.lead_tier as string | null) ?? null,
                stage: r.lead_stage as string,
              }
            : null,
        logs: [],
      };
      out.push(last);
    }
    if (r.log_id != null) {
      last.logs.push({
        id: r.log_id as string,
        organizationId: r.organization_id as string,
        agendaItemId: r.id as string,
        objectionId: r.log_objection_id as string,
        answerId: (r.log_answer_id as string | null) ?? null,
        leadId: (r.log_lead_id as string | null) ?? null,
        repId: r.log_rep_id as string,
        loggedById: (r.log_logged_by_id as string | null) ?? null,
        note: (r.log_note as string | null) ?? null,
        loggedAt: r.log_logged_at as Date,
      });
    }
  }
  return out;
}

function withTimeZones({ entities, raw }: { entities: AgendaItem[]; raw: { tz: string }[] }): AgendaItemRow[] {
  return entities.map((item, i) => ({ item, timeZone: raw[i]!.tz }));
}
