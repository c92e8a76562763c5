import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db } from '../database/transaction.js';
import { intakeSql } from '../intake/index.js';
import { orgSql, type TeamKind } from '../organization/index.js';
import { Playbook, PlaybookObjection, PlaybookStep, PlaybookVersion, PlaybookVersionStatus } from './entities/playbook.entity.js';
import type { PlaybookContent } from './playbook-content.js';

/** A persona a published survey produces, with where it comes from (`survey "<name>"`). */
export interface ProducedPersona {
  key: string;
  source: string;
}

/** A legion of the organization as sop reads it (organization's fragment). */
export interface LegionRow {
  id: string;
  name: string;
  kind: TeamKind;
}

/** A squad of the organization as sop reads it (organization's fragment). */
export interface SquadRow {
  id: string;
  name: string;
  legionId: string;
}

/** Statements over playbooks, their versions, steps and objections. */
@Injectable()
export class PlaybookRepository {
  constructor(private readonly db: Db) {}

  /** The organization's playbooks, optionally of one legion and kind, by name. */
  playbooks(organizationId: string, filter: { legionId?: string; kind?: TeamKind }): Promise<Playbook[]> {
    return this.db.repo(Playbook).find({
      where: { organizationId, ...(filter.legionId ? { legionId: filter.legionId } : {}), ...(filter.kind ? { kind: filter.kind } : {}) },
      order: { name: 'ASC', createdAt: 'ASC' },
    });
  }

  /** One playbook of the organization. */
  playbook(organizationId: string, id: string): Promise<Playbook | null> {
    return this.db.repo(Playbook).findOne({ where: { id, organizationId } });
  }

  /** One playbook of the organization, locked FOR UPDATE (serializes new drafts). */
  lockPlaybook(organizationId: string, id: string): Promise<Playbook | null> {
    return this.db.manager
      .createQueryBuilder(Playbook, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :id AND p.organization_id = :org', { id, org: organizationId })
      .getOne();
  }

  /** Playbooks of the organization by id. */
  playbooksByIds(organizationId: string, ids: readonly string[]): Promise<Playbook[]> {
    return this.db.repo(Playbook).find({ where: { organizationId, id: In([...ids]) } });
  }

  /** Whether the legion already has a playbook with this name. */
  nameTaken(organizationId: string, legionId: string, name: string): Promise<boolean> {
    return this.db.repo(Playbook).exists({ where: { organizationId, legionId, name } });
  }

  /** Inserts a playbook. */
  insertPlaybook(values: Omit<Playbook, 'id' | 'createdAt' | 'updatedAt'>): Promise<Playbook> {
    const repo = this.db.repo(Playbook);
    return repo.save(repo.create(values));
  }

  /** Writes a loaded playbook's changes. */
  savePlaybook(playbook: Playbook): Promise<Playbook> {
    return this.db.repo(Playbook).save(playbook);
  }

  /** One version of the organization, optionally locked FOR UPDATE. */
  version(organizationId: string, id: string, lock = false): Promise<PlaybookVersion | null> {
    const qb = this.db.manager.createQueryBuilder(PlaybookVersion, 'v').where('v.id = :id AND v.organization_id = :org', { id, org: organizationId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Any version of the organization by id (no organization check: the caller's cohort names it). */
  versionById(id: string): Promise<PlaybookVersion> {
    return this.db.repo(PlaybookVersion).findOneOrFail({ where: { id } });
  }

  /** One version of the organization by id, without lock. */
  findVersion(organizationId: string, id: string): Promise<PlaybookVersion | null> {
    return this.db.repo(PlaybookVersion).findOne({ where: { id, organizationId } });
  }

  /** The playbook a version belongs to (must exist). */
  playbookById(id: string): Promise<Playbook> {
    return this.db.repo(Playbook).findOneOrFail({ where: { id } });
  }

  /** Versions of these playbooks, newest first. */
  versionsByPlaybookIds(organizationId: string, ids: readonly string[]): Promise<PlaybookVersion[]> {
    return this.db.repo(PlaybookVersion).find({ where: { organizationId, playbookId: In([...ids]) }, order: { number: 'DESC' } });
  }

  /** Versions of the organization by id. */
  versionsByIds(organizationId: string, ids: readonly string[]): Promise<PlaybookVersion[]> {
    return this.db.repo(PlaybookVersion).find({ where: { organizationId, id: In([...ids]) } });
  }

  /** The playbook's highest-numbered version (null when it has none). */
  latestVersion(playbookId: string): Promise<PlaybookVersion | null> {
    return this.db.repo(PlaybookVersion).findOne({ where: { playbookId }, order: { number: 'DESC' } });
  }

  /** The playbook's highest-numbered PUBLISHED version (null when none is published). */
  latestPublishedVersion(playbookId: string): Promise<PlaybookVersion | null> {
    return this.db.repo(PlaybookVersion).findOne({ where: { playbookId, status: PlaybookVersionStatus.PUBLISHED }, order: { number: 'DESC' } });
  }

  /** The playbook's PUBLISHED versions. */
  publishedVersions(playbookId: string): Promise<PlaybookVersion[]> {
    return this.db.repo(PlaybookVersion).find({ where: { playbookId, status: PlaybookVersionStatus.PUBLISHED } });
  }

  /** Whether the playbook has a PUBLISHED version. */
  async hasPublishedVersion(playbookId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM playbook_version WHERE playbook_id = $1 AND status = 'PUBLISHED' LIMIT 1`, [playbookId]);
    return rows.length > 0;
  }

  /** Marks a version RETIRED at `at`. */
  async retireVersion(id: string, at: Date): Promise<void> {
    await this.db.repo(PlaybookVersion).update({ id }, { status: PlaybookVersionStatus.RETIRED, retiredAt: at });
  }

  /** Sets a version's change note. */
  async setChangeNote(id: string, changeNote: string): Promise<void> {
    await this.db.repo(PlaybookVersion).update({ id }, { changeNote });
  }

  /** Writes a loaded version's changes. */
  saveVersion(version: PlaybookVersion): Promise<PlaybookVersion> {
    return this.db.repo(PlaybookVersion).save(version);
  }

  /** Inserts a version. */
  insertVersion(values: Omit<PlaybookVersion, 'id' | 'createdAt' | 'updatedAt'>): Promise<PlaybookVersion> {
    const repo = this.db.repo(PlaybookVersion);
    return repo.save(repo.create(values));
  }

  /** Steps of these versions, by position. */
  stepsByVersionIds(organizationId: string, ids: readonly string[]): Promise<PlaybookStep[]> {
    return this.db.repo(PlaybookStep).find({ where: { organizationId, versionId: In([...ids]) }, order: { position: 'ASC' } });
  }

  /** Steps of one version (no organization check: the caller's cohort names it), by position. */
  stepsOfVersion(versionId: string): Promise<PlaybookStep[]> {
    return this.db.repo(PlaybookStep).find({ where: { versionId }, order: { position: 'ASC' } });
  }

  /** Steps of the organization by id. */
  stepsByIds(organizationId: string, ids: readonly string[]): Promise<PlaybookStep[]> {
    return this.db.repo(PlaybookStep).find({ where: { organizationId, id: In([...ids]) } });
  }

  /** One step by id (must exist). */
  step(id: string): Promise<PlaybookStep> {
    return this.db.repo(PlaybookStep).findOneOrFail({ where: { id } });
  }

  /** Objections of these versions, by position. */
  objectionsByVersionIds(organizationId: string, ids: readonly string[]): Promise<PlaybookObjection[]> {
    return this.db.repo(PlaybookObjection).find({ where: { organizationId, versionId: In([...ids]) }, order: { position: 'ASC' } });
  }

  /** One objection of the organization. */
  objection(organizationId: string, id: string): Promise<PlaybookObjection | null> {
    return this.db.repo(PlaybookObjection).findOne({ where: { id, organizationId } });
  }

  /** Deletes a version's steps. */
  async deleteSteps(versionId: string): Promise<void> {
    await this.db.repo(PlaybookStep).delete({ versionId });
  }

  /** Deletes a version's objections. */
  async deleteObjections(versionId: string): Promise<void> {
    await this.db.repo(PlaybookObjection).delete({ versionId });
  }

  /** Inserts a version's steps in content order. */
  async insertSteps(organizationId: string, versionId: string, steps: PlaybookContent['steps']): Promise<void> {
    await this.db.repo(PlaybookStep).insert(steps.map((s, position) => ({ ...s, organizationId, versionId, position })));
  }

  /** Inserts a version's objections in content order. */
  async insertObjections(organizationId: string, versionId: string, objections: PlaybookContent['objections']): Promise<void> {
    await this.db.repo(PlaybookObjection).insert(objections.map((o, position) => ({ ...o, organizationId, versionId, position })));
  }

  /** Ids of the prepared answers in every version of a playbook. */
  async answerIds(organizationId: string, playbookId: string): Promise<Set<string>> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT DISTINCT a->>'id' AS id FROM playbook_objection o JOIN playbook_version v ON v.id = o.version_id
         CROSS JOIN LATERAL jsonb_array_elements(o.answers) a
        WHERE v.playbook_id = $1 AND o.organization_id = $2`,
      [playbookId, organizationId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Whether some version of the playbook has a step with this key. */
  async hasStepKey(playbookId: string, stepKey: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM playbook_step s JOIN playbook_version v ON v.id = s.version_id WHERE v.playbook_id = $1 AND s.key = $2 LIMIT 1`,
      [playbookId, stepKey],
    );
    return rows.length > 0;
  }

  /** The personas the organization's published surveys of `surveyKind` produce (intake's fragment). */
  producedPersonas(organizationId: string, surveyKind: 'INTAKE' | 'ONBOARDING'): Promise<ProducedPersona[]> {
    return this.db.query<ProducedPersona>(
      `SELECT DISTINCT sp.key, 'survey "' || sp.survey_name || '"' AS source
         FROM (${intakeSql.livePersonas()}) sp WHERE sp.organization_id = $1 AND sp.kind = $2`,
      [organizationId, surveyKind],
    );
  }

  /** How many of these squads of the organization are in the legion. */
  async countSquadsInLegion(organizationId: string, legionId: string, squadIds: string[]): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${orgSql.squad.as('q')} WHERE q.organization_id = $1 AND q.legion_id = $2 AND q.id = ANY($3::uuid[])`,
      [organizationId, legionId, squadIds],
    );
    return row?.n ?? 0;
  }
}
