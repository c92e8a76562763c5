import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { applyKeyset } from '../common/graphql/keyset.js';
import { Db } from '../database/transaction.js';
import type { LeadsFilterArgs } from './dto/lead.inputs.js';
import { Lead, LeadStage, LeadStageChange } from './entities/lead.entity.js';

/** A visibility condition over the alias `l` (see `leadVisibility`); null = every lead. */
export type LeadVisibilitySql = { sql: string; params: Record<string, unknown> } | null;

/** One owner/squad change to write (`at` becomes assigned_at when there is an owner). */
export interface LeadAssignmentRow {
  leadId: string;
  toOwnerId: string | null;
  toSquadId: string | null;
  at: Date;
}

/** The columns intake rewrites on a lead it re-scored or completed. */
export interface IntakeLeadUpdate {
  id: string;
  score: number | null;
  tier: string | null;
  persona: string | null;
  phone: string | null;
  email: string | null;
  messengerNetwork: string | null;
  messengerHandle: string | null;
  cohortRef: string | null;
  campaign: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmContent: string | null;
}

/** A new score of a lead (re-scoring). */
export interface LeadScoreUpdate {
  id: string;
  score: number | null;
  tier: string | null;
  persona: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** The leads context's statements over `lead` and `lead_stage_change`. */
@Injectable()
export class LeadsRepository {
  constructor(private readonly db: Db) {}

  /** Reads one lead of the organization. */
  findInOrganization(organizationId: string, id: string): Promise<Lead | null> {
    return this.db.manager.findOne(Lead, { where: { id, organizationId } });
  }

  /** Reads one lead by id. */
  findById(id: string): Promise<Lead | null> {
    return this.db.manager.findOne(Lead, { where: { id } });
  }

  /** Reads and locks (FOR UPDATE) one lead of the organization. */
  lockInOrganization(organizationId: string, id: string): Promise<Lead | null> {
    return this.db.manager
      .createQueryBuilder(Lead, 'l')
      .setLock('pessimistic_write')
      .where('l.id = :id AND l.organization_id = :org', { id, org: organizationId })
      .getOne();
  }

  /** Sets a lead's stage and when it changed. */
  async setStage(id: string, stage: LeadStage, at: Date): Promise<void> {
    await this.db.manager.update(Lead, { id }, { stage, stageChangedAt: at });
  }

  /** Inserts one stage-history row. */
  async insertStageChange(
    row: Pick<LeadStageChange, 'organizationId' | 'leadId' | 'fromStage' | 'toStage' | 'changedAt' | 'actorUserId' | 'reason'>,
  ): Promise<void> {
    await this.db.manager.insert(LeadStageChange, row);
  }

  /** Reads a lead's stage history, oldest first. */
  stageHistory(organizationId: string, leadId: string): Promise<LeadStageChange[]> {
    return this.db.manager.find(LeadStageChange, { where: { leadId, organizationId }, order: { changedAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Reads one page of visible leads, newest first (keyset on created_at, id), with each row's
   * cursor instant as text. `after` is a decoded cursor.
   */
  async page(
    organizationId: string,
    visibility: LeadVisibilitySql,
    filter: LeadsFilterArgs,
    first: number,
    after: { at: string; id: string } | null,
  ): Promise<{ leads: Lead[]; cursorOf: Map<string, string> }> {
    const qb = this.db.manager
      .createQueryBuilder(Lead, 'l')
      .addSelect(`to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`, 'cursor_at')
      .where('l.organization_id = :org', { org: organizationId });
    visible(qb, visibility);
    if (filter.stage) qb.andWhere('l.stage = :stage', { stage: filter.stage });
    if (filter.tier) qb.andWhere('l.tier = :tier', { tier: filter.tier });
    if (filter.persona) qb.andWhere('l.persona = :persona', { persona: filter.persona });
    if (filter.ownerId) qb.andWhere('l.owner_id = :owner', { owner: filter.ownerId });
    if (filter.squadId) qb.andWhere('l.squad_id = :squad', { squad: filter.squadId });
    if (filter.source) qb.andWhere('l.source = :source', { source: filter.source });
    if (filter.unassigned !== undefined) qb.andWhere(filter.unassigned ? 'l.owner_id IS NULL' : 'l.owner_id IS NOT NULL');
    if (filter.search?.trim()) {
      const q = filter.search.trim();
      const digits = q.replace(/\D/g, '');
      qb.andWhere(`(l.name ILIKE :q OR l.email ILIKE :q${digits.length >= 3 ? ' OR l.phone LIKE :digits' : ''})`, {
        q: `%${escapeLike(q)}%`,
        digits: `%${digits}%`,
      });
    }
    applyKeyset(qb, {
      sort: 'l.created_at',
      id: 'l.id',
      direction: 'DESC',
      limit: first + 1,
      // The cursor holds created_at in UTC to the microsecond (cursor_at), finer than a JS Date.
      after: after && [after.at, after.id],
      cast: { sort: (p) => `CAST(${p} AS timestamp) AT TIME ZONE 'UTC'`, id: (p) => `CAST(${p} AS uuid)` },
    });
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string; l_id: string }>();
    return { leads: entities, cursorOf: new Map(raw.map((r) => [r.l_id, r.cursor_at])) };
  }

  /** Reads the visible leads among `ids`. */
  visibleByIds(organizationId: string, visibility: LeadVisibilitySql, ids: readonly string[]): Promise<Lead[]> {
    const qb = this.db.manager.createQueryBuilder(Lead, 'l').where('l.organization_id = :org AND l.id = ANY(:ids)', { org: organizationId, ids: [...ids] });
    return visible(qb, visibility).getMany();
  }

  /** Reads the ids among `ids` that are leads of the organization. */
  async existingIds(organizationId: string, ids: string[]): Promise<string[]> {
    const rows = await this.db.manager
      .createQueryBuilder(Lead, 'l')
      .select('l.id')
      .where('l.organization_id = :org AND l.id = ANY(:ids)', { org: organizationId, ids })
      .getMany();
    return rows.map((l) => l.id);
  }

  /** Reads and locks (FOR UPDATE) the leads of the organization with one of these phones or emails. */
  lockByContacts(organizationId: string, phones: string[], emails: string[]): Promise<Lead[]> {
    return this.db.manager
      .createQueryBuilder(Lead, 'l')
      .setLock('pessimistic_write')
      .where('l.organization_id = :org AND (l.phone = ANY(:phones) OR l.email = ANY(:emails))', { org: organizationId, phones, emails })
      .getMany();
  }

  /** Reads and locks (FOR UPDATE) a rep's leads in `stages`, best score first, then oldest. */
  lockOwnedInStages(organizationId: string, ownerId: string, stages: readonly LeadStage[]): Promise<Lead[]> {
    return this.db.manager
      .createQueryBuilder(Lead, 'l')
      .setLock('pessimistic_write')
      .where('l.organization_id = :org AND l.owner_id = :uid AND l.stage IN (:...stages)', { org: organizationId, uid: ownerId, stages })
      .orderBy('l.score', 'DESC', 'NULLS LAST')
      .addOrderBy('l.created_at', 'ASC')
      .getMany();
  }

  /** Counts a rep's leads in `stages`. */
  countOwnedInStages(organizationId: string, ownerId: string, stages: readonly LeadStage[]): Promise<number> {
    return this.db.manager
      .createQueryBuilder(Lead, 'l')
      .where('l.organization_id = :org AND l.owner_id = :uid AND l.stage IN (:...stages)', { org: organizationId, uid: ownerId, stages })
      .getCount();
  }

  /** Writes owners, squads and assigned_at of several leads (one statement). */
  async writeAssignments(organizationId: string, changes: LeadAssignmentRow[]): Promise<void> {
    await this.db.query(
      `UPDATE lead AS l SET owner_id = c.owner_id, squad_id = c.squad_id,
              assigned_at = CASE WHEN c.owner_id IS NULL THEN NULL ELSE c.at END, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) AS c(id, owner_id, squad_id, at)
        WHERE l.id = c.id AND l.organization_id = $5`,
      [changes.map((c) => c.leadId), changes.map((c) => c.toOwnerId), changes.map((c) => c.toSquadId), changes.map((c) => c.at), organizationId],
    );
  }

  /**
   * Inserts intake's new leads (PROSPECT) and their first stage-history rows, in one statement.
   * `rowsJson` is a JSON array of objects with the keys of the recordset below.
   */
  async insertFromIntake(organizationId: string, rowsJson: string, actorUserId: string | null): Promise<void> {
    await this.db.query(
      `WITH created AS (
         INSERT INTO lead (id, organization_id, name, phone, email, messenger_network, messenger_handle, source, cohort_ref, referred_by_lead_id,
                           campaign, utm_source, utm_medium, utm_content,
                           score, tier, persona, owner_id, squad_id, assigned_at, stage, stage_changed_at, created_at, updated_at)
         SELECT id, $1, name, phone, email, mn, mh, src, cohort, ref, camp, usrc, umed, ucon, score, tier, persona, owner, squad, assigned, 'PROSPECT', at, at, at
           FROM json_to_recordset($2::json)
             AS t(id uuid, name text, phone text, email text, mn messenger_network, mh text, src lead_source, cohort text, ref uuid,
                  camp text, usrc text, umed text, ucon text,
                  score numeric, tier text, persona text, owner uuid, squad uuid, assigned timestamptz, at timestamptz)
         RETURNING id, created_at)
       INSERT INTO lead_stage_change (organization_id, lead_id, from_stage, to_stage, changed_at, actor_user_id, reason)
       SELECT $1, id, NULL, 'PROSPECT', created_at, $3, 'created by intake' FROM created`,
      [organizationId, rowsJson, actorUserId],
    );
  }

  /** Writes the scores, contacts and attribution intake decided for existing leads (one statement). */
  async updateFromIntake(rows: IntakeLeadUpdate[]): Promise<void> {
    const col = <T>(f: (l: IntakeLeadUpdate) => T) => rows.map(f);
    await this.db.query(
      `UPDATE lead AS l SET score = u.score, tier = u.tier, persona = u.persona, phone = u.phone, email = u.email,
              messenger_network = u.mn, messenger_handle = u.mh, cohort_ref = u.cohort,
              campaign = u.camp, utm_source = u.usrc, utm_medium = u.umed, utm_content = u.ucon, updated_at = now()
         FROM unnest($1::uuid[], $2::numeric[], $3::text[], $4::text[], $5::text[], $6::text[], $7::messenger_network[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::text[])
           AS u(id, score, tier, persona, phone, email, mn, mh, cohort, camp, usrc, umed, ucon)
        WHERE l.id = u.id`,
      [
        col((l) => l.id),
        col((l) => l.score),
        col((l) => l.tier),
        col((l) => l.persona),
        col((l) => l.phone),
        col((l) => l.email),
        col((l) => l.messengerNetwork),
        col((l) => l.messengerHandle),
        col((l) => l.cohortRef),
        col((l) => l.campaign),
        col((l) => l.utmSource),
        col((l) => l.utmMedium),
        col((l) => l.utmContent),
      ],
    );
  }

  /** Writes new scores, tiers and personas of several leads (one statement). */
  async updateScores(updates: LeadScoreUpdate[]): Promise<void> {
    await this.db.query(
      `UPDATE lead AS l SET score = u.score, tier = u.tier, persona = u.persona, updated_at = now()
         FROM unnest($1::uuid[], $2::numeric[], $3::text[], $4::text[]) AS u(id, score, tier, persona)
        WHERE l.id = u.id`,
      [updates.map((u) => u.id), updates.map((u) => u.score), updates.map((u) => u.tier), updates.map((u) => u.persona)],
    );
  }
}

function visible(qb: SelectQueryBuilder<Lead>, v: LeadVisibilitySql): SelectQueryBuilder<Lead> {
  if (v) qb.andWhere(v.sql, v.params);
  return qb;
}
