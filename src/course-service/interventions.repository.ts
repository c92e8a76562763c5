import { Injectable } from '@nestjs/common';
import { IsNull, type DeepPartial } from 'typeorm';
import { orderRowSql } from '../commerce/index.js';
import { Db } from '../database/transaction.js';
import { leadRowSql } from '../leads/index.js';
import { orgSql } from '../organization/index.js';
import { AtRiskRule, type DropReason, Intervention } from './entities/intervention.entity.js';

/** The facts of one running enrollment that the at-risk rules read (`factsSql`). */
export interface FactsRow {
  id: string;
  lead_id: string;
  lead_name: string;
  product_id: string;
  product_name: string;
  curator_id: string | null;
  curator_squad_id: string | null;
  start_date: string;
  end_date: string;
  lessons_completed: number;
  lessons_total: number;
  last_study_day: string | null;
  nps: { score: number; at: string }[] | string;
  unpaid: string[] | string;
  c_days: number | null;
  c_lag: number | null;
  o_days: number | null;
  o_lag: number | null;
  last_intervention_at: Date | string | null;
}

/** Ended-incomplete enrollments per course and recorded reason (`InterventionsRepository.dropReasonCounts`). */
export interface DropReasonCount {
  productId: string;
  productName: string;
  reason: DropReason | null;
  n: number;
}

/**
 * One statement: the facts of the enrollments running at `$2` (ACTIVE then, started by `$3` the
 * local day, course end date not passed) matching `where` (over `e`), as of that instant: the last
 * study day up to that day, lessons completed per progress events up to then, NPS answers given
 * by then, installments unpaid then and due before that day, and the rule values.
 */
export function factsSql(where: string): string {
  return `SELECT e.id, e.lead_id, l.name AS lead_name, e.product_id, p.name AS product_name, e.curator_id, e.curator_squad_id,
       e.start_date::text AS start_date, e.end_date::text AS end_date, e.lessons_total,
       coalesce((SELECT max(pe.lessons_completed) FROM progress_event pe WHERE pe.enrollment_id = e.id AND pe.occurred_at <= $2), 0) AS lessons_completed,
       (SELECT max(d.day)::text FROM study_day d WHERE d.enrollment_id = e.id AND d.day <= $3::date) AS last_study_day,
       coalesce((SELECT json_agg(json_build_object('score', n.score, 'at', n.answered_at)) FROM nps_response n WHERE n.enrollment_id = e.id AND n.answered_at <= $2), '[]'::json) AS nps,
       coalesce((SELECT array_agg(i.due_date::text) ${orderRowSql.installmentsOfLead('i', 'e.lead_id', 'e.organization_id')}
                   AND i.due_date < $3::date AND (i.paid_at IS NULL OR i.paid_at > $2)), '{}'::text[]) AS unpaid,
       cr.inactivity_days AS c_days, cr.progress_lag_pct AS c_lag, orr.inactivity_days AS o_days, orr.progress_lag_pct AS o_lag,
       (SELECT max(iv.occurred_at) FROM intervention iv WHERE iv.enrollment_id = e.id AND iv.occurred_at <= $2) AS last_intervention_at
     FROM enrollment e
     JOIN ${leadRowSql.from('l')} ON l.id = e.lead_id
     JOIN ${orderRowSql.productFrom('p')} ON p.id = e.product_id
     LEFT JOIN at_risk_rule cr ON cr.organization_id = e.organization_id AND cr.product_id = e.product_id
     LEFT JOIN at_risk_rule orr ON orr.organization_id = e.organization_id AND orr.product_id IS NULL
     WHERE e.organization_id = $1 AND e.start_date <= $3::date AND e.end_date >= $3::date
       AND (e.status = 'ACTIVE' OR e.ended_at > $2) AND ${where}`;
}

/**
 * The facts of running enrollments credited to entities (`key`, an SQL expression over `e` with
 * `join`), with `entity_key`, on the `db` the metric catalog hands its CUSTOM sources
 * (MetricDefinition.compute); services use `InterventionsRepository.facts`.
 */
export function factsByEntity(
  db: Pick<Db, 'query'>,
  params: { organizationId: string; key: string; join: string; entityIds: string[]; asOf: Date; localDay: string },
): Promise<(FactsRow & { entity_key: string })[]> {
  const sql = factsSql(`${params.key} = ANY($4::uuid[])`)
    .replace('FROM enrollment e', `FROM enrollment e ${params.join}`)
    .replace('SELECT e.id,', `SELECT ${params.key} AS entity_key, e.id,`);
  return db.query<FactsRow & { entity_key: string }>(sql, [params.organizationId, params.asOf, params.localDay, params.entityIds]);
}

/** The facts of one enrollment at `at` (`localDay` its local day), on the caller's `db` (the demo seed). */
export function factsOfEnrollment(db: Pick<Db, 'query'>, organizationId: string, enrollmentId: string, at: Date, localDay: string): Promise<FactsRow[]> {
  return db.query<FactsRow>(factsSql('e.id = $4'), [organizationId, at, localDay, enrollmentId]);
}

/** Every statement on interventions, at-risk rules and drop reasons, and the at-risk facts. */
@Injectable()
export class InterventionsRepository {
  constructor(private readonly db: Db) {}

  /** The facts of the running enrollments matching `where` (over `e`; `$1` organization, `$2` instant, `$3` local day, then `params`'s own). */
  facts(where: string, params: unknown[]): Promise<FactsRow[]> {
    return this.db.query<FactsRow>(factsSql(where), params);
  }

  /** Whether lead `leadId` exists in the organization. */
  async leadExists(organizationId: string, leadId: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT ${leadRowSql.exists('$1', '$2')} AS found`, [leadId, organizationId]);
    return !!row?.found;
  }

  // ------------------------------------------------------------------ interventions

  /** Inserts an intervention. */
  createIntervention(values: DeepPartial<Intervention>): Promise<Intervention> {
    const m = this.db.manager;
    return m.save(m.create(Intervention, values));
  }

  /** The interventions on these enrollments, newest first. */
  interventionsOf(organizationId: string, enrollmentIds: string[]): Promise<Intervention[]> {
    return this.db.manager
      .createQueryBuilder(Intervention, 'i')
      .where('i.organization_id = :org AND i.enrollment_id = ANY(:ids)', { org: organizationId, ids: enrollmentIds })
      .orderBy('i.occurred_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .getMany();
  }

  // ------------------------------------------------------------------ rules

  /** The organization's at-risk rule row (productId null) or a course's, or null. */
  findRule(organizationId: string, productId: string | null): Promise<AtRiskRule | null> {
    return this.db.manager.findOne(AtRiskRule, { where: { organizationId, productId: productId === null ? IsNull() : productId } });
  }

  /** A new (unsaved) rule row with no values. */
  newRule(organizationId: string, productId: string | null): AtRiskRule {
    return this.db.manager.create(AtRiskRule, { organizationId, productId, inactivityDays: null, progressLagPct: null });
  }

  /** Writes a rule row (insert or update). */
  async saveRule(row: AtRiskRule): Promise<void> {
    await this.db.manager.save(row);
  }

  // ------------------------------------------------------------------ drop reasons

  /** Records (or replaces) the drop reason of an enrollment. */
  async upsertDrop(d: {
    enrollmentId: string;
    organizationId: string;
    productId: string;
    reason: DropReason;
    note: string | null;
    recordedById: string | null;
    at: Date;
  }) {
    await this.db.query(
      `INSERT INTO enrollment_drop (enrollment_id, organization_id, product_id, reason, note, recorded_by_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (enrollment_id) DO UPDATE SET reason = EXCLUDED.reason, note = EXCLUDED.note, recorded_by_id = EXCLUDED.recorded_by_id, recorded_at = EXCLUDED.recorded_at`,
      [d.enrollmentId, d.organizationId, d.productId, d.reason, d.note, d.recordedById, d.at],
    );
  }

  /** Records drop reason REFUNDED unless a reason was recorded already. */
  async insertRefundDrop(d: { enrollmentId: string; organizationId: string; productId: string; note: string | null; recordedById: string | null; at: Date }) {
    await this.db.query(
      `INSERT INTO enrollment_drop (enrollment_id, organization_id, product_id, reason, note, recorded_by_id, recorded_at)
       VALUES ($1, $2, $3, 'REFUNDED', $4, $5, $6) ON CONFLICT (enrollment_id) DO NOTHING`,
      [d.enrollmentId, d.organizationId, d.productId, d.note, d.recordedById, d.at],
    );
  }

  /**
   * Enrollments that ended incomplete (DROPPED, REFUNDED) on a local day in [from, to), per course
   * and recorded reason; `reach` is an SQL condition over `e` whose parameters follow `$3` in `params`.
   */
  async dropReasonCounts(reach: string, params: unknown[]): Promise<DropReasonCount[]> {
    const rows: { product_id: string; product_name: string; reason: DropReason | null; n: number }[] = await this.db.query(
      `SELECT e.product_id, p.name AS product_name, d.reason, count(*)::int AS n
         FROM enrollment e JOIN ${orderRowSql.productFrom('p')} ON p.id = e.product_id JOIN ${orgSql.organization.as('o')} ON o.id = e.organization_id
         LEFT JOIN enrollment_drop d ON d.enrollment_id = e.id
         WHERE e.organization_id = $1 AND e.status IN ('DROPPED', 'REFUNDED') AND e.completed_at IS NULL
           AND ($2::date IS NULL OR (e.ended_at AT TIME ZONE o.time_zone)::date >= $2::date)
           AND ($3::date IS NULL OR (e.ended_at AT TIME ZONE o.time_zone)::date < $3::date)
           AND ${reach}
         GROUP BY 1, 2, 3`,
      params,
    );
    return rows.map((r) => ({ productId: r.product_id, productName: r.product_name, reason: r.reason, n: r.n }));
  }
}
