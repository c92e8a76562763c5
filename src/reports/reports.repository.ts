import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import type { ObjectionAnswerData } from '../sop/index.js';
import { sopReadSql as sop } from '../sop/index.js';
import { metricsSql } from '../metrics/index.js';
import { orgSql } from '../organization/index.js';
import { commerceSql } from '../commerce/index.js';
import { leadsReadSql } from '../leads/index.js';

/** Counts of one (objection, answer[, persona]) before ranking. */
export interface AnswerOutcomeRow {
  /** Report: the playbook; answerStats: the objection asked about. */
  groupId: string;
  objectionKey: string;
  answerId: string | null;
  persona: string | null;
  uses: number;
  leads: number;
  pendingLeads: number;
  converted: number;
}

/** Speed to lead of one member, squad or legion over a period (docs/metrics.md, "Speed to lead"). */
export interface SpeedToLeadRow {
  entityId: string;
  assignments: number;
  contacted: number;
  /** Exact median seconds from assignment to first contact over contacted assignments (null: none). */
  medianSeconds: number | null;
  within1h: number;
  settled1h: number;
  within24h: number;
  settled24h: number;
}

export interface ObjectionTextRow {
  playbookId: string;
  playbookName: string;
  key: string;
  objection: string;
  answers: ObjectionAnswerData[];
}

/**
 * Per lead, then per answer: a lead converted after an answer when its conversion order
 * (is_conversion: its first paid REGULAR/ADVANCED order) was paid in (logged_at, logged_at +
 * window] of at least one use of that answer on it; otherwise it is pending while a use's window
 * is still open at `now`; otherwise it did not convert. Logs without a lead (group steps) count
 * as uses only. `$W` = window days, `$N` = now.
 */
function outcomeTail(w: string, n: string, group: string): string {
  return `per_lead AS (
       SELECT ${group} AS group_id, objection_key, answer_id, persona, lead_id, count(*) AS uses,
              coalesce(bool_or(conv_at > logged_at AND conv_at <= logged_at + make_interval(days => ${w}::int)), false) AS converted,
              coalesce(bool_or(logged_at + make_interval(days => ${w}::int) > ${n}::timestamptz), false) AS open
         FROM logs GROUP BY ${group}, objection_key, answer_id, persona, lead_id
     )
     SELECT group_id, objection_key, answer_id, persona, sum(uses)::int AS uses,
            count(lead_id) FILTER (WHERE converted OR NOT open)::int AS leads,
            count(lead_id) FILTER (WHERE open AND NOT converted)::int AS pending_leads,
            count(lead_id) FILTER (WHERE converted)::int AS converted
       FROM per_lead GROUP BY group_id, objection_key, answer_id, persona`;
}

/**
 * The lead's conversion order, joined once to the logs (a hash join, no per-log lookup). A lead
 * has at most one order with is_conversion (commerce moves the flag when an earlier payment is
 * recorded late), so the join never repeats a log.
 */
const CONVERSIONS = `LEFT JOIN ${commerceSql.orders('c')} ON c.lead_id = ol.lead_id AND c.is_conversion AND c.organization_id = ol.organization_id`;

type RawOutcome = {
  group_id: string;
  objection_key: string;
  answer_id: string | null;
  persona: string | null;
  uses: number;
  leads: number;
  pending_leads: number;
  converted: number;
};
const toRow = (r: RawOutcome): AnswerOutcomeRow => ({
  groupId: r.group_id,
  objectionKey: r.objection_key,
  answerId: r.answer_id,
  persona: r.persona === '' ? null : r.persona,
  uses: Number(r.uses),
  leads: Number(r.leads),
  pendingLeads: Number(r.pending_leads),
  converted: Number(r.converted),
});

/** Every SQL statement of the reports context (read-only; outside transactions). */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Objection logs of [start, end) grouped by playbook, objection key (stable across versions),
   * answer id (stable across versions) and, with `byPersona`, the lead's persona. One statement.
   */
  async answerOutcomes(q: {
    organizationId: string;
    start: Date;
    end: Date;
    windowDays: number;
    now: Date;
    squadIds: string[] | null;
    playbookId: string | null;
    byPersona: boolean;
  }): Promise<AnswerOutcomeRow[]> {
    const rows: RawOutcome[] = await this.db.query(
      `WITH logs AS (
         SELECT pv.playbook_id, po.key AS objection_key, ol.answer_id, ol.lead_id, ol.logged_at,
                ${q.byPersona ? `coalesce((SELECT l.persona FROM ${leadsReadSql.leads('l')} WHERE l.id = ol.lead_id), '')` : `''`} AS persona,
                c.paid_at AS conv_at
           FROM ${sop.objectionLogs('ol')}
           JOIN ${sop.playbookObjections('po')} ON po.id = ol.objection_id
           JOIN ${sop.playbookVersions('pv')} ON pv.id = po.version_id
           ${CONVERSIONS}
          WHERE ol.organization_id = $1 AND ol.logged_at >= $2 AND ol.logged_at < $3
            AND ($5::uuid[] IS NULL OR EXISTS (SELECT 1 FROM ${sop.agendaItems('ai')} WHERE ai.id = ol.agenda_item_id AND ai.squad_id = ANY($5::uuid[])))
            AND ($6::uuid IS NULL OR pv.playbook_id = $6::uuid)
       ),
       ${outcomeTail('$4', '$7', 'playbook_id')}`,
      [q.organizationId, q.start, q.end, q.windowDays, q.squadIds, q.playbookId, q.now],
    );
    return rows.map(toRow);
  }

  /**
   * For each objection id asked about: the outcomes of every use of that objection (same playbook
   * and key, any version), all time. One statement, whatever the number of objections.
   */
  async answerOutcomesForObjections(q: {
    organizationId: string;
    objectionIds: readonly string[];
    windowDays: number;
    now: Date;
    squadIds: string[] | null;
  }): Promise<AnswerOutcomeRow[]> {
    const rows: RawOutcome[] = await this.db.query(
      `WITH target AS (
         SELECT po.id AS target_id, pv.playbook_id, po.key
           FROM ${sop.playbookObjections('po')} JOIN ${sop.playbookVersions('pv')} ON pv.id = po.version_id
          WHERE po.organization_id = $1 AND po.id = ANY($2::uuid[])
       ),
       logs AS (
         SELECT t.target_id, t.key AS objection_key, ol.answer_id, ''::text AS persona, ol.lead_id, ol.logged_at, c.paid_at AS conv_at
           FROM target t
           JOIN ${sop.playbookVersions('pv')} ON pv.playbook_id = t.playbook_id
           JOIN ${sop.playbookObjections('po')} ON po.version_id = pv.id AND po.key = t.key
           JOIN ${sop.objectionLogs('ol')} ON ol.organization_id = $1 AND ol.objection_id = po.id
           ${CONVERSIONS}
          WHERE ($5::uuid[] IS NULL OR EXISTS (SELECT 1 FROM ${sop.agendaItems('ai')} WHERE ai.id = ol.agenda_item_id AND ai.squad_id = ANY($5::uuid[])))
       ),
       ${outcomeTail('$3', '$4', 'target_id')}`,
      [q.organizationId, q.objectionIds, q.windowDays, q.now, q.squadIds],
    );
    return rows.map(toRow);
  }

  /** Texts of objections by (playbook, key), every version, newest first (answers may have been removed later). */
  async objectionTexts(organizationId: string, keys: { playbookId: string; key: string }[]): Promise<ObjectionTextRow[]> {
    if (keys.length === 0) return [];
    const rows: { playbook_id: string; playbook_name: string; key: string; objection: string; answers: ObjectionAnswerData[] }[] = await this.db.query(
      `SELECT pv.playbook_id, p.name AS playbook_name, po.key, po.objection, po.answers
         FROM unnest($2::uuid[], $3::text[]) AS k(playbook_id, key)
         JOIN ${sop.playbookVersions('pv')} ON pv.playbook_id = k.playbook_id
         JOIN ${sop.playbooks('p')} ON p.id = pv.playbook_id AND p.organization_id = $1
         JOIN ${sop.playbookObjections('po')} ON po.version_id = pv.id AND po.key = k.key
        ORDER BY pv.playbook_id, po.key, pv.number DESC`,
      [organizationId, keys.map((k) => k.playbookId), keys.map((k) => k.key)],
    );
    return rows.map((r) => ({ playbookId: r.playbook_id, playbookName: r.playbook_name, key: r.key, objection: r.objection, answers: r.answers }));
  }

  async squadsInOrganization(organizationId: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT s.id FROM ${orgSql.squad.as('s')} WHERE s.organization_id = $1 AND s.id = ANY($2::uuid[])`, [
      organizationId,
      ids,
    ]);
    return rows.map((r) => r.id);
  }

  async playbookExists(organizationId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM ${sop.playbooks('p')} WHERE p.organization_id = $1 AND p.id = $2`, [organizationId, id]);
    return rows.length > 0;
  }

  async organizationTimeZone(organizationId: string): Promise<string> {
    const rows: { time_zone: string }[] = await this.db.query(`SELECT ${orgSql.organization.timeZone('$1')} AS time_zone`, [organizationId]);
    return rows[0]!.time_zone;
  }

  /**
   * Speed to lead per entity, one statement: assignments to a rep made in [start, end) (credited
   * to that rep, the squad the lead entered, that squad's legion), each with the first contact
   * with the lead at or after the assignment and before the lead next changed owner: a DONE
   * agenda item of the lead (completed_at) or an objection logged on it (logged_at). The median
   * is PostgreSQL's percentile_cont(0.5) (the mean of the two middle values for an even count).
   */
  async speedToLead(q: {
    organizationId: string;
    entityType: 'MEMBER' | 'SQUAD' | 'LEGION';
    entityIds: string[];
    start: Date;
    end: Date;
    now: Date;
  }): Promise<SpeedToLeadRow[]> {
    const entity = { MEMBER: 'e.to_owner_id', SQUAD: 'e.to_squad_id', LEGION: 's.legion_id' }[q.entityType];
    const rows: {
      entity_id: string;
      assignments: number;
      contacted: number;
      median_s: string | number | null;
      within_1h: number;
      settled_1h: number;
      within_24h: number;
      settled_24h: number;
    }[] = await this.db.query(
      `WITH asg AS (
         SELECT e.id, ${entity} AS entity_id, e.lead_id, e.to_owner_id, e.at
           FROM ${metricsSql.assignmentEvents('e')}
           ${q.entityType === 'LEGION' ? `JOIN ${orgSql.squad.as('s')} ON s.id = e.to_squad_id` : ''}
          WHERE e.organization_id = $1 AND e.at >= $2 AND e.at < $3
            AND e.to_owner_id IS NOT NULL AND e.to_owner_id IS DISTINCT FROM e.from_owner_id
            AND ${entity} = ANY($4::uuid[])
       ),
       contacts AS (
         SELECT ai.lead_id, ai.completed_at AS t FROM ${sop.agendaItems('ai')}
          WHERE ai.organization_id = $1 AND ai.status = 'DONE' AND ai.lead_id IS NOT NULL AND ai.completed_at >= $2
         UNION ALL
         SELECT ol.lead_id, ol.logged_at FROM ${sop.objectionLogs('ol')}
          WHERE ol.organization_id = $1 AND ol.lead_id IS NOT NULL AND ol.logged_at >= $2
       ),
       candidate AS (
         SELECT a.id, a.entity_id, a.lead_id, a.to_owner_id, a.at, min(c.t) AS t
           FROM asg a JOIN contacts c ON c.lead_id = a.lead_id AND c.t >= a.at
          GROUP BY a.id, a.entity_id, a.lead_id, a.to_owner_id, a.at
       ),
       firsts AS (
         -- The earliest contact counts if it came before the lead next changed owner (later ones then did not either).
         SELECT entity_id, at, t AS first_at FROM candidate cd
          WHERE cd.t < coalesce((SELECT min(n.at) FROM ${metricsSql.assignmentEvents('n')}
                                  WHERE n.lead_id = cd.lead_id AND n.at > cd.at AND n.to_owner_id IS DISTINCT FROM cd.to_owner_id), 'infinity')
       ),
       per_entity AS (
         SELECT entity_id, count(*) AS assignments,
                count(*) FILTER (WHERE at + interval '1 hour' <= $5) AS over_1h, count(*) FILTER (WHERE at + interval '24 hours' <= $5) AS over_24h
           FROM asg GROUP BY entity_id
       ),
       contacted AS (
         -- Only contacted assignments are sorted for the median.
         SELECT entity_id, count(*) AS contacted, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - at)) AS median_s,
                count(*) FILTER (WHERE first_at <= at + interval '1 hour') AS within_1h,
                count(*) FILTER (WHERE first_at <= at + interval '1 hour' AND at + interval '1 hour' <= $5) AS within_1h_over,
                count(*) FILTER (WHERE first_at <= at + interval '24 hours') AS within_24h,
                count(*) FILTER (WHERE first_at <= at + interval '24 hours' AND at + interval '24 hours' <= $5) AS within_24h_over
           FROM firsts GROUP BY entity_id
       )
       -- settled = contacted within the span, or the span is over (counted once when both).
       SELECT p.entity_id, p.assignments::int AS assignments, coalesce(c.contacted, 0)::int AS contacted, c.median_s,
              coalesce(c.within_1h, 0)::int AS within_1h, (p.over_1h + coalesce(c.within_1h, 0) - coalesce(c.within_1h_over, 0))::int AS settled_1h,
              coalesce(c.within_24h, 0)::int AS within_24h, (p.over_24h + coalesce(c.within_24h, 0) - coalesce(c.within_24h_over, 0))::int AS settled_24h
         FROM per_entity p LEFT JOIN contacted c ON c.entity_id = p.entity_id`,
      [q.organizationId, q.start, q.end, q.entityIds, q.now],
    );
    return rows.map((r) => ({
      entityId: r.entity_id,
      assignments: Number(r.assignments),
      contacted: Number(r.contacted),
      medianSeconds: r.median_s === null ? null : Number(r.median_s),
      within1h: Number(r.within_1h),
      settled1h: Number(r.settled_1h),
      within24h: Number(r.within_24h),
      settled24h: Number(r.settled_24h),
    }));
  }
}
