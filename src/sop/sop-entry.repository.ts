import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Db } from '../database/transaction.js';
import { leadsSql, type LeadStage } from '../leads/index.js';
import { orgSql } from '../organization/index.js';
import { SopEntry, type SopJoinMode } from './entities/sop-entry.entity.js';
import type { SquadRow } from './playbook.repository.js';

/** The entry resolved for one squad (its own, else its legion's) with the playbook's latest PUBLISHED version. */
export interface ResolvedEntryRow {
  squadId: string;
  playbookId: string;
  playbookName: string;
  mode: SopJoinMode;
  versionId: string | null;
  versionNumber: number | null;
}

/** A lead about to join an entry playbook, with the playbooks whose cohorts it already is in. */
export interface JoiningLeadRow {
  id: string;
  name: string;
  stage: LeadStage;
  inPlaybooks: string[];
}

/** Statements over SOP entries (which playbook a legion's or squad's assigned leads join). */
@Injectable()
export class SopEntryRepository {
  constructor(private readonly db: Db) {}

  /** The organization's entries, oldest change first. */
  entries(organizationId: string): Promise<SopEntry[]> {
    return this.db.repo(SopEntry).find({ where: { organizationId }, order: { updatedAt: 'ASC' } });
  }

  /** A squad's own entry, or (squadId null) a legion's. */
  entryOf(target: { legionId: string; squadId: string | null }): Promise<SopEntry | null> {
    return this.db.repo(SopEntry).findOne({ where: target.squadId ? { squadId: target.squadId } : { legionId: target.legionId, squadId: IsNull() } });
  }

  /** Inserts an entry. */
  insertEntry(values: Pick<SopEntry, 'organizationId' | 'legionId' | 'squadId' | 'playbookId' | 'mode' | 'updatedById'>): Promise<SopEntry> {
    const repo = this.db.repo(SopEntry);
    return repo.save(repo.create(values));
  }

  /** Writes a loaded entry's changes. */
  saveEntry(entry: SopEntry): Promise<SopEntry> {
    return this.db.repo(SopEntry).save(entry);
  }

  /** Deletes a squad's own entry, or (squadId null) a legion's; the playbook it named, null when there was none. */
  async deleteEntry(target: { legionId: string; squadId: string | null }): Promise<string | null> {
    // TypeORM returns [rows, rowCount] for a DELETE ... RETURNING.
    const [rows] = (await this.db.query(
      target.squadId
        ? `DELETE FROM sop_entry WHERE squad_id = $1 RETURNING id, playbook_id`
        : `DELETE FROM sop_entry WHERE legion_id = $1 AND squad_id IS NULL RETURNING id, playbook_id`,
      [target.squadId ?? target.legionId],
    )) as unknown as [{ id: string; playbook_id: string }[], number];
    return rows[0]?.playbook_id ?? null;
  }

  /** The entries of these squads of the organization (their own, else their legion's), in one statement. */
  async resolve(organizationId: string, squadIds: string[]): Promise<ResolvedEntryRow[]> {
    const rows = await this.db.query<{
      squad_id: string;
      playbook_id: string;
      name: string;
      mode: SopJoinMode;
      version_id: string | null;
      number: number | null;
    }>(
      `SELECT s.id AS squad_id, e.playbook_id, p.name, e.mode, v.id AS version_id, v.number
         FROM ${orgSql.squad.as('s')}
         CROSS JOIN LATERAL (SELECT se.playbook_id, se.mode FROM sop_entry se
                              WHERE se.organization_id = $1 AND (se.squad_id = s.id OR (se.squad_id IS NULL AND se.legion_id = s.legion_id))
                              ORDER BY se.squad_id IS NULL LIMIT 1) e
         JOIN playbook p ON p.id = e.playbook_id
         LEFT JOIN LATERAL (SELECT pv.id, pv.number FROM playbook_version pv WHERE pv.playbook_id = p.id AND pv.status = 'PUBLISHED'
                             ORDER BY pv.number DESC LIMIT 1) v ON true
        WHERE s.organization_id = $1 AND s.id = ANY($2::uuid[])`,
      [organizationId, squadIds],
    );
    return rows.map((r) => ({
      squadId: r.squad_id,
      playbookId: r.playbook_id,
      playbookName: r.name,
      mode: r.mode,
      versionId: r.version_id,
      versionNumber: r.number,
    }));
  }

  /** Leads of the organization with the playbooks whose cohorts they are in. */
  async joiningLeads(organizationId: string, leadIds: string[]): Promise<JoiningLeadRow[]> {
    const rows = await this.db.query<{ id: string; name: string; stage: LeadStage; in_playbooks: string[] | null }>(
      `SELECT l.id, l.name, l.stage,
              (SELECT array_agg(DISTINCT v.playbook_id) FROM cohort_lead cl JOIN cohort c ON c.id = cl.cohort_id
                 JOIN playbook_version v ON v.id = c.playbook_version_id WHERE cl.lead_id = l.id) AS in_playbooks
         FROM (${leadsSql.leads()}) l WHERE l.organization_id = $1 AND l.id = ANY($2::uuid[])`,
      [organizationId, leadIds],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, stage: r.stage, inPlaybooks: r.in_playbooks ?? [] }));
  }

  /**
   * Per squad: the camp cohort of its playbook (`playbookIds[i]` for `squadIds[i]`) open for
   * sign-ups at `at` (earliest start date on or after `at`'s local day).
   */
  async openCamps(organizationId: string, squadIds: string[], playbookIds: string[], at: Date): Promise<Map<string, string>> {
    const rows = await this.db.query<{ squad_id: string; cohort_id: string }>(
      `SELECT DISTINCT ON (cs.squad_id) cs.squad_id, c.id AS cohort_id
         FROM unnest($2::uuid[], $3::uuid[]) AS t(squad_id, playbook_id)
         JOIN cohort_squad cs ON cs.squad_id = t.squad_id
         JOIN cohort c ON c.id = cs.cohort_id AND c.organization_id = $1 AND c.rolling_lead_id IS NULL
         JOIN playbook_version v ON v.id = c.playbook_version_id AND v.playbook_id = t.playbook_id
        WHERE c.start_date >= ($4::timestamptz AT TIME ZONE c.time_zone)::date
        ORDER BY cs.squad_id, c.start_date, c.created_at`,
      [organizationId, squadIds, playbookIds, at.toISOString()],
    );
    return new Map(rows.map((r) => [r.squad_id, r.cohort_id]));
  }

  /** Squads of the organization by id (organization's fragment). */
  async squads(organizationId: string, ids: string[]): Promise<SquadRow[]> {
    const rows = await this.db.query<{ id: string; name: string; legion_id: string }>(
      `SELECT q.id, q.name, q.legion_id FROM ${orgSql.squad.as('q')} WHERE q.organization_id = $1 AND q.id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, legionId: r.legion_id }));
  }

  /** One squad of the organization (organization's fragment). */
  async squad(organizationId: string, id: string): Promise<SquadRow | null> {
    return (await this.squads(organizationId, [id]))[0] ?? null;
  }

  /** The organization's time zone (organization's fragment; it dates rolling cohorts). */
  async timeZone(organizationId: string): Promise<string> {
    const [row] = await this.db.query<{ time_zone: string }>(`SELECT ${orgSql.organization.timeZone('$1')} AS time_zone`, [organizationId]);
    return row!.time_zone;
  }
}
