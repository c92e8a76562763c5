import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction.js';
import { CONVERTED_STAGES, firstReachedStageAtSql } from '../leads/index.js';
import { orgSql, type Role, type TeamKind } from '../organization/index.js';
import type { ExperimentFeedFilter } from './dto/experiment.inputs.js';
import { Experiment, ExperimentAdoption, ExperimentAssignment, ExperimentDataEntry, ExperimentVariant } from './entities/experiment.entity.js';
import type { DailyCount } from './experiment-analysis.js';
import { normalizeTags } from './experiment-rules.js';

/** Feed order: published learnings, then concluded, running/stopped, drafts, archived. */
const FEED_TIER = `(CASE e.status WHEN 'PUBLISHED' THEN 0 WHEN 'CONCLUDED' THEN 1 WHEN 'RUNNING' THEN 2 WHEN 'STOPPED' THEN 2 WHEN 'DRAFT' THEN 3 ELSE 4 END)`;
/** Within a tier: publication time for published experiments, last change otherwise (microseconds). */
const FEED_AT = `(FLOOR(EXTRACT(EPOCH FROM COALESCE(e.published_at, e.updated_at)) * 1000000)::bigint)`;

/** A decoded feed cursor. */
export interface FeedCursor {
  tier: number;
  at: string;
  id: string;
}

/** One feed row with its cursor parts. */
export interface FeedRow {
  e: Experiment;
  tier: number;
  at: string;
}

/** Counts of one experiment, variant and day. */
export type ExperimentDailyCount = DailyCount & { experimentId: string };

/** Sharing counts of one squad. */
export interface SquadSharingRow {
  squadId: string;
  experimentsPublished: number;
  adoptionsReceived: number;
}

/** A person as experiments need them (app_user of the organization context). */
export interface ExperimentPerson {
  id: string;
  role: Role;
  active: boolean;
}

/** A squad as experiments need it. */
export interface ExperimentSquad {
  id: string;
  name: string;
  legionId: string;
}

/** One logged entry to insert. */
export type DataEntryRow = Pick<
  ExperimentDataEntry,
  'organizationId' | 'experimentId' | 'variantId' | 'day' | 'exposures' | 'conversions' | 'note' | 'recordedById'
>;

/** The experiments context's statements over `experiment`, its variants, assignments, data entries and adoptions. */
@Injectable()
export class ExperimentsRepository {
  constructor(private readonly db: Db) {}

  /** Reads one experiment of the organization. */
  findInOrganization(organizationId: string, id: string): Promise<Experiment | null> {
    return this.db.manager.findOne(Experiment, { where: { id, organizationId } });
  }

  /** Reads one experiment by id (fails when missing). */
  getById(id: string): Promise<Experiment> {
    return this.db.manager.findOneOrFail(Experiment, { where: { id } });
  }

  /** Reads and locks (FOR UPDATE or FOR SHARE) one experiment of the organization. */
  lock(organizationId: string, id: string, mode: 'pessimistic_write' | 'pessimistic_read'): Promise<Experiment | null> {
    return this.db.manager
      .createQueryBuilder(Experiment, 'e')
      .setLock(mode)
      .where('e.id = :id AND e.organization_id = :org', { id, org: organizationId })
      .getOne();
  }

  /** Inserts an experiment. */
  insert(values: Partial<Experiment>): Promise<Experiment> {
    return this.db.manager.save(this.db.manager.create(Experiment, values));
  }

  /** Writes a changed experiment. */
  save(e: Experiment): Promise<Experiment> {
    return this.db.manager.save(e);
  }

  /** Sets an experiment's updated_at to now. */
  async touch(id: string): Promise<void> {
    await this.db.query(`UPDATE experiment SET updated_at = now() WHERE id = $1`, [id]);
  }

  /** Reads one page of the organization's experiments in feed order, filtered. */
  async feed(organizationId: string, filter: ExperimentFeedFilter | null | undefined, first: number, after: FeedCursor | null): Promise<FeedRow[]> {
    const qb = this.db.manager
      .createQueryBuilder(Experiment, 'e')
      .addSelect(FEED_TIER, 'feed_tier')
      .addSelect(FEED_AT, 'feed_at')
      .where('e.organization_id = :org', { org: organizationId })
      .orderBy(FEED_TIER, 'ASC')
      .addOrderBy(FEED_AT, 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(first + 1);
    if (filter?.teamKind) qb.andWhere('e.team_kind = :kind', { kind: filter.teamKind });
    if (filter?.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter?.squadId) qb.andWhere('e.squad_id = :squad', { squad: filter.squadId });
    if (filter?.metric) qb.andWhere('e.metric_key = :metric', { metric: filter.metric });
    if (filter?.legionId) qb.andWhere(`e.squad_id IN ${orgSql.squad.idsOfLegion(':legion')}`, { legion: filter.legionId });
    if (filter?.verdict) qb.andWhere('e.verdict = :verdict', { verdict: filter.verdict });
    if (filter?.ownerId) qb.andWhere('e.owner_id = :owner', { owner: filter.ownerId });
    const tags = normalizeTags(filter?.tags);
    if (tags.length) qb.andWhere('e.tags @> :tags::text[]', { tags });
    if (after) {
      qb.andWhere(`(${FEED_TIER} > :ct OR (${FEED_TIER} = :ct AND (${FEED_AT} < :cat OR (${FEED_AT} = :cat AND e.id < :cid))))`, {
        ct: after.tier,
        cat: after.at,
        cid: after.id,
      });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ feed_tier: number; feed_at: string }>();
    return entities.map((e, i) => ({ e, tier: Number(raw[i].feed_tier), at: String(raw[i].feed_at) }));
  }

  /** Reads an experiment's variants in position order. */
  variants(experimentId: string): Promise<ExperimentVariant[]> {
    return this.db.manager.find(ExperimentVariant, { where: { experimentId }, order: { position: 'ASC' } });
  }

  /** Reads one variant of an experiment by key. */
  variantByKey(experimentId: string, key: string): Promise<ExperimentVariant | null> {
    return this.db.manager.findOne(ExperimentVariant, { where: { experimentId, key } });
  }

  /** Reads the variants of the organization's experiments among `ids`, in position order. */
  variantsByExperimentIds(organizationId: string, ids: readonly string[]): Promise<ExperimentVariant[]> {
    return this.db.manager
      .createQueryBuilder(ExperimentVariant, 'v')
      .innerJoin(Experiment, 'e', 'e.id = v.experiment_id')
      .where('e.organization_id = :org AND v.experiment_id = ANY(:ids)', { org: organizationId, ids: [...ids] })
      .orderBy('v.position', 'ASC')
      .getMany();
  }

  /** Inserts variants. */
  async insertVariants(
    rows: Pick<ExperimentVariant, 'experimentId' | 'key' | 'position' | 'isControl' | 'description' | 'script' | 'weight'>[],
  ): Promise<void> {
    await this.db.manager.insert(ExperimentVariant, rows);
  }

  /** Deletes an experiment's variants. */
  async deleteVariants(experimentId: string): Promise<void> {
    await this.db.manager.delete(ExperimentVariant, { experimentId });
  }

  /** Reads the adoptions of the organization's experiments among `ids`, oldest first. */
  adoptionsByExperimentIds(organizationId: string, ids: readonly string[]): Promise<ExperimentAdoption[]> {
    return this.db.manager
      .createQueryBuilder(ExperimentAdoption, 'a')
      .where('a.organization_id = :org AND a.experiment_id = ANY(:ids)', { org: organizationId, ids: [...ids] })
      .orderBy('a.adopted_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /** Reads whether a squad has adopted an experiment. */
  adoptionExists(experimentId: string, squadId: string): Promise<boolean> {
    return this.db.manager.exists(ExperimentAdoption, { where: { experimentId, squadId } });
  }

  /** Inserts an adoption. */
  async insertAdoption(row: Pick<ExperimentAdoption, 'organizationId' | 'experimentId' | 'squadId' | 'adoptedById' | 'adoptedAt'>): Promise<void> {
    await this.db.manager.insert(ExperimentAdoption, row);
  }

  /** Reads a lead's assignment in an experiment. */
  findAssignment(experimentId: string, leadId: string): Promise<ExperimentAssignment | null> {
    return this.db.manager.findOne(ExperimentAssignment, { where: { experimentId, leadId } });
  }

  /** Reads a lead's assignment in an experiment (fails when missing). */
  getAssignment(experimentId: string, leadId: string): Promise<ExperimentAssignment> {
    return this.db.manager.findOneOrFail(ExperimentAssignment, { where: { experimentId, leadId } });
  }

  /** Inserts an assignment unless the lead already has one; returns when it was assigned, or null. */
  async insertAssignment(organizationId: string, experimentId: string, variantId: string, leadId: string, byUserId: string | null): Promise<Date | null> {
    const inserted = await this.db.query<{ assigned_at: Date }>(
      `INSERT INTO experiment_assignment (organization_id, experiment_id, variant_id, lead_id, assigned_at, assigned_by_id)
       VALUES ($1, $2, $3, $4, now(), $5) ON CONFLICT (experiment_id, lead_id) DO NOTHING RETURNING assigned_at`,
      [organizationId, experimentId, variantId, leadId, byUserId],
    );
    return inserted.length ? new Date(inserted[0].assigned_at) : null;
  }

  /** Reads today and the day `startedAt` falls on in the time zone, as YYYY-MM-DD. */
  async daysIn(timeZone: string, startedAt: Date): Promise<{ today: string; startDay: string }> {
    const [row] = await this.db.query<{ today: string; startDay: string }>(
      `SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS today, to_char(($2::timestamptz AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS "startDay"`,
      [timeZone, startedAt],
    );
    return row;
  }

  /** Reads the logged totals of an experiment per (variant, day). */
  async loggedTotals(experimentId: string): Promise<{ variantId: string; day: string; exposures: number; conversions: number }[]> {
    const rows = await this.db.query<{ variantId: string; day: string; exposures: string; conversions: string }>(
      `SELECT variant_id AS "variantId", to_char(day, 'YYYY-MM-DD') AS day, SUM(exposures)::bigint AS exposures, SUM(conversions)::bigint AS conversions
         FROM experiment_data_entry WHERE experiment_id = $1 GROUP BY variant_id, day`,
      [experimentId],
    );
    return rows.map((r) => ({ variantId: r.variantId, day: r.day, exposures: Number(r.exposures), conversions: Number(r.conversions) }));
  }

  /** Inserts logged entries. */
  async insertEntries(rows: DataEntryRow[]): Promise<void> {
    await this.db.manager.insert(ExperimentDataEntry, rows);
  }

  /** Reads one page of an experiment's logged entries, newest first, with their variant keys. */
  async entries(
    organizationId: string,
    experimentId: string,
    first: number,
    afterId: string | null,
  ): Promise<(ExperimentDataEntry & { variantKey: string })[]> {
    const qb = this.db.manager
      .createQueryBuilder(ExperimentDataEntry, 'd')
      .innerJoin(ExperimentVariant, 'v', 'v.id = d.variant_id')
      .addSelect('v.key', 'variant_key')
      .where('d.organization_id = :org AND d.experiment_id = :id', { org: organizationId, id: experimentId })
      .orderBy('d.id', 'DESC')
      .limit(first + 1);
    if (afterId !== null) qb.andWhere('d.id < :cid', { cid: afterId });
    const { entities, raw } = await qb.getRawAndEntities<{ variant_key: string }>();
    return entities.map((d, i) => Object.assign(d, { variantKey: raw[i].variant_key }));
  }

  /**
   * Reads the tracked outcome "converted to paid" per experiment, variant and day (organization
   * time zone): an exposure on the day a lead was assigned; a conversion on the day the lead first
   * reached a stage in CONVERTED_STAGES after its assignment and no later than the experiment stopped.
   */
  async trackedOutcomes(organizationId: string, experimentIds: readonly string[]): Promise<ExperimentDailyCount[]> {
    const rows = await this.db.query<{ experimentId: string; variantId: string; day: string; exposures: string; conversions: string }>(
      `WITH per_lead AS (
         SELECT a.experiment_id, a.variant_id, a.assigned_at, o.time_zone AS tz,
                ${firstReachedStageAtSql('a.lead_id', 'a.organization_id', '$3', 'a.assigned_at', 'e.stopped_at')} AS converted_at
           FROM experiment_assignment a
           JOIN experiment e ON e.id = a.experiment_id
           JOIN ${orgSql.organization.as('o')} ON o.id = e.organization_id
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
    );
    return rows.map((r) => ({ ...r, exposures: Number(r.exposures), conversions: Number(r.conversions) }));
  }

  /** Reads logged counts per experiment, variant and day (sums of the entries, corrections included). */
  async loggedCounts(organizationId: string, experimentIds: readonly string[]): Promise<ExperimentDailyCount[]> {
    const rows = await this.db.query<{ experimentId: string; variantId: string; day: string; exposures: string; conversions: string }>(
      `SELECT d.experiment_id AS "experimentId", d.variant_id AS "variantId", to_char(d.day, 'YYYY-MM-DD') AS day,
              SUM(d.exposures)::bigint AS exposures, SUM(d.conversions)::bigint AS conversions
         FROM experiment_data_entry d JOIN experiment e ON e.id = d.experiment_id
        WHERE d.organization_id = $1 AND d.experiment_id = ANY($2::uuid[]) AND e.metric_kind = 'LOGGED'
        GROUP BY d.experiment_id, d.variant_id, d.day
        ORDER BY d.experiment_id, d.day, d.variant_id`,
      [organizationId, [...experimentIds]],
    );
    return rows.map((r) => ({ ...r, exposures: Number(r.exposures), conversions: Number(r.conversions) }));
  }

  /**
   * Reads, per squad of the organization (or of `squadIds`), the experiments published in
   * [from, to) and the adoptions in [from, to) by other squads of the squad's experiments.
   */
  async sharingCounts(organizationId: string, squadIds: readonly string[] | null, from: Date, to: Date): Promise<SquadSharingRow[]> {
    const rows = await this.db.query<SquadSharingRow>(
      `WITH pub AS (
         SELECT squad_id, COUNT(*) AS n FROM experiment
          WHERE organization_id = $1 AND published_at >= $2 AND published_at < $3 GROUP BY squad_id
       ), adopted AS (
         SELECT e.squad_id, COUNT(*) AS n FROM experiment_adoption a JOIN experiment e ON e.id = a.experiment_id
          WHERE a.organization_id = $1 AND a.adopted_at >= $2 AND a.adopted_at < $3 GROUP BY e.squad_id
       )
       SELECT s.id AS "squadId", COALESCE(pub.n, 0)::int AS "experimentsPublished", COALESCE(adopted.n, 0)::int AS "adoptionsReceived"
         FROM ${orgSql.squad.as('s')} LEFT JOIN pub ON pub.squad_id = s.id LEFT JOIN adopted ON adopted.squad_id = s.id
        WHERE s.organization_id = $1 AND ($4::uuid[] IS NULL OR s.id = ANY($4::uuid[]))
        ORDER BY s.id`,
      [organizationId, from, to, squadIds === null ? null : [...squadIds]],
    );
    return rows.map((r) => ({ squadId: r.squadId, experimentsPublished: Number(r.experimentsPublished), adoptionsReceived: Number(r.adoptionsReceived) }));
  }

  /** Reads the squads of the organization's legions among `legionIds`, with their legion. */
  squadsOfLegions(organizationId: string, legionIds: string[]): Promise<{ id: string; legion_id: string }[]> {
    return this.db.query<{ id: string; legion_id: string }>(
      `SELECT s.id, s.legion_id FROM ${orgSql.squad.as('s')} WHERE s.organization_id = $1 AND s.legion_id = ANY($2::uuid[])`,
      [organizationId, legionIds],
    );
  }

  /** Reads one person of the organization. */
  async findPerson(organizationId: string, id: string): Promise<ExperimentPerson | null> {
    const [row] = await this.db.query<ExperimentPerson>(
      `SELECT u.id, u.role, u.active FROM ${orgSql.user.as('u')} WHERE u.id = $1 AND u.organization_id = $2 LIMIT 1`,
      [id, organizationId],
    );
    return row ?? null;
  }

  /** Reads the squad of a person's open membership (null without one). */
  async openMembershipSquad(userId: string): Promise<string | null> {
    const [row] = await this.db.query<{ squad_id: string | null }>(`SELECT ${orgSql.membership.squadNow('$1')} AS squad_id`, [userId]);
    return row?.squad_id ?? null;
  }

  /** Reads one squad of the organization. */
  async findSquad(organizationId: string, id: string): Promise<ExperimentSquad | null> {
    const [row] = await this.db.query<{ id: string; name: string; legion_id: string }>(
      `SELECT s.id, s.name, s.legion_id FROM ${orgSql.squad.as('s')} WHERE s.id = $1 AND s.organization_id = $2 LIMIT 1`,
      [id, organizationId],
    );
    return row ? { id: row.id, name: row.name, legionId: row.legion_id } : null;
  }

  /** Reads the team kind of a legion. */
  async legionKind(legionId: string): Promise<TeamKind> {
    const [row] = await this.db.query<{ kind: TeamKind }>(`SELECT l.kind FROM ${orgSql.legion.as('l')} WHERE l.id = $1`, [legionId]);
    if (!row) throw new Error(`legion ${legionId} not found`);
    return row.kind;
  }

  /** Reads the organization's time zone. */
  async organizationTimeZone(organizationId: string): Promise<string> {
    const [row] = await this.db.query<{ time_zone: string }>(`SELECT o.time_zone FROM ${orgSql.organization.as('o')} WHERE o.id = $1`, [organizationId]);
    if (!row) throw new Error(`organization ${organizationId} not found`);
    return row.time_zone;
  }
}
