import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { commerceSql } from '../commerce/index.js';
import { Db } from '../database/transaction.js';
import { leadsSql } from '../leads/index.js';
import { orgSql } from '../organization/index.js';
import { Cohort, CohortLead, CohortSquad } from './entities/cohort.entity.js';
import { CohortType } from './entities/cohort-type.entity.js';
import type { LegionRow, SquadRow } from './playbook.repository.js';

/** A squad serving a cohort, with its lead and whether the lead is active. */
export interface CohortSquadLeadRow {
  squadId: string;
  leadId: string | null;
  leadActive: boolean | null;
}

/** A current MEMBER of a cohort squad. */
export interface CohortMemberRow {
  squadId: string;
  userId: string;
}

/** A cohort lead with who works it (curator or owner) and the squad serving it. */
export interface CohortLeadWorkerRow {
  id: string;
  ownerId: string;
  squadId: string | null;
  tier: string | null;
  persona: string | null;
}

/** A lead with the squad it belongs to (its own, else its owner's current one). */
export interface LeadSquadRow {
  id: string;
  squadId: string | null;
  ownerId: string | null;
  leadSquadId: string | null;
}

/** One agenda item to materialize. */
export interface NewAgendaItem {
  stepId: string;
  repId: string;
  squadId: string;
  leadId: string | null;
  dayOffset: number;
  dueAt: Date;
  localDate: string;
  localTime: string;
  windowEnd: Date | null;
  onTimeDeadline: Date;
  /** Past its on-time deadline: created SKIPPED with `skipReason` at `skippedAt`. */
  late: boolean;
}

/** Values of a personal rolling cohort. */
export interface RollingCohortValues {
  organizationId: string;
  name: string;
  startDate: string;
  timeZone: string;
  versionId: string;
  productId: string | null;
  leadId: string;
  createdById: string | null;
}

/**
 * The curator serving a student in a class cohort: SQL returning at most one row (curator_id,
 * curator_squad_id) for the lead and cohort column expressions. Course-service registers it
 * (CohortService.serveStudentsBy); without it every lead is worked by its owner.
 */
export type StudentCuratorSql = (lead: string, cohort: string) => string;
const NO_CURATOR: StudentCuratorSql = () => `SELECT NULL::uuid AS curator_id, NULL::uuid AS curator_squad_id WHERE false`;

/** Statements over cohorts, their squads and leads, cohort types, and the items cohorts materialize. */
@Injectable()
export class CohortRepository {
  private curatorSql: StudentCuratorSql = NO_CURATOR;

  constructor(private readonly db: Db) {}

  /** Sets how a student's curator is found (see StudentCuratorSql). */
  useCuratorSql(sql: StudentCuratorSql): void {
    this.curatorSql = sql;
  }

  /** The organization's cohorts (with a squad in `squadIds` unless null), newest start first. */
  cohorts(organizationId: string, squadIds: string[] | null): Promise<Cohort[]> {
    const qb = this.db.manager.createQueryBuilder(Cohort, 'c').where('c.organization_id = :org', { org: organizationId });
    if (squadIds) qb.andWhere('EXISTS (SELECT 1 FROM cohort_squad cs WHERE cs.cohort_id = c.id AND cs.squad_id = ANY(:ids))', { ids: squadIds });
    return qb.orderBy('c.start_date', 'DESC').addOrderBy('c.name', 'ASC').getMany();
  }

  /** One cohort of the organization. */
  cohort(organizationId: string, id: string): Promise<Cohort | null> {
    return this.db.repo(Cohort).findOne({ where: { id, organizationId } });
  }

  /** One cohort of the organization (must exist). */
  cohortOrFail(organizationId: string, id: string): Promise<Cohort> {
    return this.db.repo(Cohort).findOneOrFail({ where: { id, organizationId } });
  }

  /** One cohort of the organization, locked FOR UPDATE. */
  lockCohort(organizationId: string, id: string): Promise<Cohort | null> {
    return this.db.manager
      .createQueryBuilder(Cohort, 'c')
      .setLock('pessimistic_write')
      .where('c.id = :id AND c.organization_id = :org', { id, org: organizationId })
      .getOne();
  }

  /** Cohorts of the organization by id. */
  cohortsByIds(organizationId: string, ids: readonly string[]): Promise<Cohort[]> {
    return this.db.repo(Cohort).find({ where: { organizationId, id: In([...ids]) } });
  }

  /** The squads of these cohorts of the organization. */
  squadsByCohortIds(organizationId: string, ids: readonly string[]): Promise<CohortSquad[]> {
    return this.db.manager
      .createQueryBuilder(CohortSquad, 'cs')
      .innerJoin(Cohort, 'c', 'c.id = cs.cohort_id')
      .where('c.organization_id = :org AND cs.cohort_id = ANY(:ids)', { org: organizationId, ids: [...ids] })
      .getMany();
  }

  /** The squads of one cohort. */
  squadsOf(cohortId: string): Promise<CohortSquad[]> {
    return this.db.repo(CohortSquad).find({ where: { cohortId } });
  }

  /** Number of leads per cohort of the organization. */
  async leadCounts(organizationId: string, ids: readonly string[]): Promise<{ cohortId: string; count: number }[]> {
    const rows = await this.db.query<{ cohort_id: string; n: string }>(
      `SELECT cl.cohort_id, count(*) AS n FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id
        WHERE c.organization_id = $1 AND cl.cohort_id = ANY($2) GROUP BY cl.cohort_id`,
      [organizationId, [...ids]],
    );
    return rows.map((r) => ({ cohortId: r.cohort_id, count: Number(r.n) }));
  }

  /** Whether the organization has a cohort with this name. */
  nameTaken(organizationId: string, name: string): Promise<boolean> {
    return this.db.repo(Cohort).exists({ where: { organizationId, name } });
  }

  /** Inserts a cohort. */
  insertCohort(values: Omit<Cohort, 'id' | 'createdAt' | 'rollingLeadId'>): Promise<Cohort> {
    const repo = this.db.repo(Cohort);
    return repo.save(repo.create(values));
  }

  /** Sets a cohort's type. */
  async setCohortType(id: string, cohortTypeId: string | null): Promise<void> {
    await this.db.repo(Cohort).update({ id }, { cohortTypeId });
  }

  /** Inserts the squads of a new cohort. */
  async insertSquads(cohortId: string, squadIds: string[]): Promise<void> {
    await this.db.repo(CohortSquad).insert(squadIds.map((squadId) => ({ cohortId, squadId })));
  }

  /** Adds squads to a cohort (those already in it are ignored). */
  async addSquads(cohortId: string, squadIds: string[]): Promise<void> {
    await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(CohortSquad)
      .values(squadIds.map((squadId) => ({ cohortId, squadId })))
      .orIgnore()
      .execute();
  }

  /** Adds one squad to a cohort (ignored when already in it). */
  async addSquad(cohortId: string, squadId: string): Promise<void> {
    await this.db.query(`INSERT INTO cohort_squad (cohort_id, squad_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [cohortId, squadId]);
  }

  /** Adds leads to a cohort (those already in it are ignored). */
  async addLeads(cohortId: string, leadIds: string[]): Promise<void> {
    await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(CohortLead)
      .values(leadIds.map((leadId) => ({ cohortId, leadId })))
      .orIgnore()
      .execute();
  }

  /** Which of these leads are in cohorts of the organization: (leadId, cohortId) pairs. */
  async cohortsOfLeads(organizationId: string, leadIds: string[]): Promise<{ leadId: string; cohortId: string }[]> {
    const rows = await this.db.query<{ lead_id: string; cohort_id: string }>(
      `SELECT cl.lead_id, cl.cohort_id FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id WHERE cl.lead_id = ANY($1::uuid[]) AND c.organization_id = $2`,
      [leadIds, organizationId],
    );
    return rows.map((r) => ({ leadId: r.lead_id, cohortId: r.cohort_id }));
  }

  /** Inserts a rolling cohort unless the lead already has one for the version; its id, or null when it existed. */
  async insertRolling(v: RollingCohortValues): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO cohort (organization_id, name, start_date, time_zone, playbook_version_id, product_id, rolling_lead_id, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (rolling_lead_id, playbook_version_id) WHERE rolling_lead_id IS NOT NULL DO NOTHING RETURNING id`,
      [v.organizationId, v.name, v.startDate, v.timeZone, v.versionId, v.productId, v.leadId, v.createdById],
    );
    return rows[0]?.id ?? null;
  }

  /** The id of the lead's rolling cohort of a version. */
  async rollingId(leadId: string, versionId: string): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(`SELECT id FROM cohort WHERE rolling_lead_id = $1 AND playbook_version_id = $2`, [leadId, versionId]);
    return row!.id;
  }

  /** The product's next class (earliest start on or after `at`'s local day), if any. */
  async nextClass(organizationId: string, productId: string, at: Date): Promise<{ id: string; playbookVersionId: string } | null> {
    const [row] = await this.db.query<{ id: string; playbook_version_id: string }>(
      `SELECT c.id, c.playbook_version_id FROM cohort c
        WHERE c.organization_id = $1 AND c.product_id = $2 AND c.rolling_lead_id IS NULL
          AND c.start_date >= ($3::timestamptz AT TIME ZONE c.time_zone)::date
        ORDER BY c.start_date, c.created_at LIMIT 1`,
      [organizationId, productId, at.toISOString()],
    );
    return row ? { id: row.id, playbookVersionId: row.playbook_version_id } : null;
  }

  /** One cohort type of the organization. */
  cohortType(organizationId: string, id: string): Promise<CohortType | null> {
    return this.db.repo(CohortType).findOne({ where: { id, organizationId } });
  }

  /** The organization's cohort types, by name then key. */
  cohortTypes(organizationId: string): Promise<CohortType[]> {
    return this.db.repo(CohortType).find({ where: { organizationId }, order: { name: 'ASC', key: 'ASC' } });
  }

  /** Cohort types of the organization by id. */
  cohortTypesByIds(organizationId: string, ids: readonly string[]): Promise<CohortType[]> {
    return this.db.repo(CohortType).find({ where: { organizationId, id: In([...ids]) } });
  }

  /** Inserts a cohort type unless its key is taken; its id, or null when taken. */
  async insertCohortType(values: { organizationId: string; key: string; name: string }): Promise<string | null> {
    const inserted = await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(CohortType)
      .values(values)
      .orIgnore()
      .returning('id')
      .execute()
      .then((r) => r.raw as { id: string }[]);
    return inserted[0]?.id ?? null;
  }

  /** One cohort type by id (must exist). */
  cohortTypeById(id: string): Promise<CohortType> {
    return this.db.repo(CohortType).findOneOrFail({ where: { id } });
  }

  /** Writes a loaded cohort type's changes. */
  saveCohortType(type: CohortType): Promise<CohortType> {
    return this.db.repo(CohortType).save(type);
  }

  /** How many cohorts of the organization have this type. */
  countCohortsOfType(organizationId: string, cohortTypeId: string): Promise<number> {
    return this.db.repo(Cohort).count({ where: { organizationId, cohortTypeId } });
  }

  /** Deletes a cohort type. */
  async deleteCohortType(id: string): Promise<void> {
    await this.db.repo(CohortType).delete({ id });
  }

  /** One product of the organization (commerce's fragment): id and kind. */
  async product(organizationId: string, productId: string): Promise<{ id: string; kind: string } | undefined> {
    const [row] = await this.db.query<{ id: string; kind: string }>(`SELECT x.id, x.kind FROM (${commerceSql.product('$1', '$2')}) x`, [
      productId,
      organizationId,
    ]);
    return row;
  }

  /** Squads of the organization by id (organization's fragment). */
  async squads(organizationId: string, ids: string[]): Promise<SquadRow[]> {
    const rows = await this.db.query<{ id: string; name: string; legion_id: string }>(
      `SELECT q.id, q.name, q.legion_id FROM ${orgSql.squad.as('q')} WHERE q.organization_id = $1 AND q.id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, legionId: r.legion_id }));
  }

  /** Legions of the organization by id (organization's fragment). */
  legions(organizationId: string, ids: string[]): Promise<LegionRow[]> {
    return this.db.query<LegionRow>(`SELECT x.id, x.name, x.kind FROM ${orgSql.legion.as('x')} WHERE x.organization_id = $1 AND x.id = ANY($2::uuid[])`, [
      organizationId,
      ids,
    ]);
  }

  /** Leads of the organization with the squad they belong to (their own, else their owner's current one). */
  async leadSquads(organizationId: string, ids: string[]): Promise<LeadSquadRow[]> {
    const rows = await this.db.query<{ id: string; squad_id: string | null; owner_id: string | null; lead_squad_id: string | null }>(
      `SELECT l.id, COALESCE(l.squad_id, ${orgSql.membership.squadNow('l.owner_id')}) AS squad_id, l.owner_id, l.squad_id AS lead_squad_id
         FROM (${leadsSql.leads()}) l
        WHERE l.organization_id = $1 AND l.id = ANY($2)`,
      [organizationId, ids],
    );
    return rows.map((r) => ({ id: r.id, squadId: r.squad_id, ownerId: r.owner_id, leadSquadId: r.lead_squad_id }));
  }

  /** The squads of a cohort with their leads, by squad name. */
  async squadLeadsOf(cohortId: string): Promise<CohortSquadLeadRow[]> {
    const rows = await this.db.query<{ id: string; lead_id: string | null; lead_active: boolean | null }>(
      `SELECT q.id, q.lead_id, lu.active AS lead_active
         FROM cohort_squad cs JOIN ${orgSql.squad.as('q')} ON q.id = cs.squad_id LEFT JOIN ${orgSql.user.as('lu')} ON lu.id = q.lead_id
        WHERE cs.cohort_id = $1 ORDER BY q.name`,
      [cohortId],
    );
    return rows.map((r) => ({ squadId: r.id, leadId: r.lead_id, leadActive: r.lead_active }));
  }

  /** The current active MEMBERs of a cohort's squads. */
  async membersOf(cohortId: string): Promise<CohortMemberRow[]> {
    const rows = await this.db.query<{ squad_id: string; user_id: string }>(
      `SELECT mm.squad_id, mm.user_id FROM (${orgSql.membership.activeMembers()}) mm JOIN cohort_squad cs ON cs.squad_id = mm.squad_id
        WHERE cs.cohort_id = $1`,
      [cohortId],
    );
    return rows.map((r) => ({ squadId: r.squad_id, userId: r.user_id }));
  }

  /**
   * The cohort's leads (or those of `leadIds`) with who works them: a student enrolled in this
   * (course-service) cohort is served by their curator, any other lead by its owner rep; only
   * active workers.
   */
  async leadWorkers(cohortId: string, leadIds?: string[]): Promise<CohortLeadWorkerRow[]> {
    const params: unknown[] = [cohortId];
    let leadFilter = '';
    if (leadIds) {
      params.push(leadIds);
      leadFilter = 'AND l.id = ANY($2)';
    }
    const rows = await this.db.query<{ id: string; owner_id: string; squad_id: string | null; tier: string | null; persona: string | null }>(
      `SELECT l.id, w.worker_id AS owner_id, COALESCE(e.curator_squad_id, l.squad_id, ${orgSql.membership.squadNow('w.worker_id')}) AS squad_id,
              l.tier, l.persona
         FROM cohort_lead cl JOIN (${leadsSql.leads()}) l ON l.id = cl.lead_id
         LEFT JOIN LATERAL (${this.curatorSql('l.id', 'cl.cohort_id')}) e ON true
         CROSS JOIN LATERAL (SELECT COALESCE(e.curator_id, l.owner_id) AS worker_id) w
         JOIN ${orgSql.user.as('u')} ON u.id = w.worker_id AND u.active
        WHERE cl.cohort_id = $1 AND w.worker_id IS NOT NULL ${leadFilter}`,
      params,
    );
    return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, squadId: r.squad_id, tier: r.tier, persona: r.persona }));
  }

  /**
   * Inserts agenda items of a cohort (ON CONFLICT DO NOTHING on the unique keys); late ones
   * SKIPPED at `skippedAt` with `skipReason`. Returns how many were created.
   */
  async insertItems(organizationId: string, cohortId: string, items: NewAgendaItem[], skippedAt: Date, skipReason: string): Promise<number> {
    const res = await this.db.query<{ id: string }>(
      `INSERT INTO agenda_item (organization_id, cohort_id, step_id, rep_id, squad_id, lead_id, day_offset, due_at, local_date, local_time,
                                window_end, on_time_deadline, status, skipped_at, skip_reason)
       SELECT $1, $2, t.step_id, t.rep_id, t.squad_id, t.lead_id, t.day_offset, t.due_at, t.local_date, t.local_time, t.window_end, t.deadline,
              (CASE WHEN t.late THEN 'SKIPPED' ELSE 'PENDING' END)::agenda_item_status,
              CASE WHEN t.late THEN $14::timestamptz END, CASE WHEN t.late THEN $15::text END
         FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::int[], $8::timestamptz[], $9::date[], $10::text[], $11::timestamptz[],
                     $12::timestamptz[], $13::boolean[]) AS t(step_id, rep_id, squad_id, lead_id, day_offset, due_at, local_date, local_time, window_end, deadline, late)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        organizationId,
        cohortId,
        items.map((r) => r.stepId),
        items.map((r) => r.repId),
        items.map((r) => r.squadId),
        items.map((r) => r.leadId),
        items.map((r) => r.dayOffset),
        items.map((r) => r.dueAt.toISOString()),
        items.map((r) => r.localDate),
        items.map((r) => r.localTime),
        items.map((r) => r.windowEnd?.toISOString() ?? null),
        items.map((r) => r.onTimeDeadline.toISOString()),
        items.map((r) => r.late),
        skippedAt.toISOString(),
        skipReason,
      ],
    );
    return res.length;
  }

  /** The squad an owner works the lead in: the event's, else the owner's current squad. */
  async ownerSquad(ownerId: string, squadId: string | null): Promise<string | null> {
    const [row] = await this.db.query<{ squad_id: string | null }>(`SELECT COALESCE($2::uuid, ${orgSql.membership.squadNow('$1')}) AS squad_id`, [
      ownerId,
      squadId,
    ]);
    return row?.squad_id ?? null;
  }

  /** Deletes the lead's PENDING items of other reps for which `ownerId` already has an item of the same step. */
  async dropItemsDuplicatedFor(leadId: string, ownerId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM agenda_item a WHERE a.lead_id = $1 AND a.status = 'PENDING' AND a.rep_id <> $2
          AND EXISTS (SELECT 1 FROM agenda_item b WHERE b.cohort_id = a.cohort_id AND b.step_id = a.step_id AND b.rep_id = $2 AND b.lead_id = a.lead_id)`,
      [leadId, ownerId],
    );
  }

  /** Moves the lead's PENDING items of other reps to `ownerId` in `squadId`. */
  async movePendingItems(leadId: string, ownerId: string, squadId: string): Promise<void> {
    await this.db.query(`UPDATE agenda_item SET rep_id = $2, squad_id = $3, updated_at = now() WHERE lead_id = $1 AND status = 'PENDING' AND rep_id <> $2`, [
      leadId,
      ownerId,
      squadId,
    ]);
  }
}
