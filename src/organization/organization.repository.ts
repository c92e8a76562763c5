import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db } from '../database/transaction.js';
import { Legion, Organization, Squad, type TeamKind } from './entities/index.js';

/** Every statement on `organization`, `legion` and `squad` (the structure squads compete within). */
@Injectable()
export class OrganizationRepository {
  constructor(private readonly db: Db) {}

  // ------------------------------------------------------------------ organization

  /** Reads one organization, or null. */
  findOrganization(id: string): Promise<Organization | null> {
    return this.db.manager.findOne(Organization, { where: { id } });
  }

  /** Reads one organization; throws when it does not exist. */
  getOrganization(id: string): Promise<Organization> {
    return this.db.manager.findOneOrFail(Organization, { where: { id } });
  }

  /** Inserts an organization. */
  createOrganization(values: Pick<Organization, 'name' | 'timeZone' | 'currency'>): Promise<Organization> {
    const m = this.db.manager;
    return m.save(m.create(Organization, values));
  }

  /** Writes an organization's changed fields. */
  saveOrganization(org: Organization): Promise<Organization> {
    return this.db.manager.save(org);
  }

  /** Ids of every organization, in id order (jobs split their work by organization). */
  async allOrganizationIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query('SELECT id FROM organization ORDER BY id');
    return rows.map((r) => r.id);
  }

  // ------------------------------------------------------------------ legions

  /** The organization's legions (optionally of one kind), by name. */
  legions(organizationId: string, kind?: TeamKind): Promise<Legion[]> {
    return this.db.manager.find(Legion, { where: { organizationId, ...(kind ? { kind } : {}) }, order: { name: 'ASC' } });
  }

  /** Reads one legion of the organization, or null. */
  findLegion(organizationId: string, id: string): Promise<Legion | null> {
    return this.db.manager.findOne(Legion, { where: { id, organizationId } });
  }

  /** Legions of the organization with these ids (batch load). */
  legionsByIds(organizationId: string, ids: readonly string[]): Promise<Legion[]> {
    return this.db.manager
      .createQueryBuilder(Legion, 'l')
      .where('l.organization_id = :org AND l.id = ANY(:ids)', { org: organizationId, ids: [...ids] })
      .getMany();
  }

  /** Ids of the legions the user commands. */
  async legionIdsCommandedBy(organizationId: string, userId: string): Promise<string[]> {
    const rows = await this.db.manager.find(Legion, { select: { id: true }, where: { organizationId, commanderId: userId } });
    return rows.map((l) => l.id);
  }

  /** Whether a legion with this name (case-insensitive) exists in the organization. */
  legionNameTaken(organizationId: string, name: string): Promise<boolean> {
    return this.db.manager
      .createQueryBuilder(Legion, 'e')
      .where('e.organization_id = :organizationId AND lower(e.name) = lower(:name)', { organizationId, name })
      .getExists();
  }

  /** Inserts a legion. */
  createLegion(values: Pick<Legion, 'organizationId' | 'name' | 'kind' | 'commanderId'>): Promise<Legion> {
    const m = this.db.manager;
    return m.save(m.create(Legion, values));
  }

  /** Writes a legion's changed fields. */
  saveLegion(legion: Legion): Promise<Legion> {
    return this.db.manager.save(legion);
  }

  // ------------------------------------------------------------------ squads

  /** The organization's squads, optionally of one legion and/or of legions of one kind, by name. */
  squads(organizationId: string, filter: { legionId?: string; kind?: TeamKind } = {}): Promise<Squad[]> {
    const qb = this.db.manager
      .createQueryBuilder(Squad, 's')
      .innerJoin(Legion, 'l', 'l.id = s.legion_id')
      .where('s.organization_id = :org', { org: organizationId })
      .orderBy('s.name', 'ASC');
    if (filter.legionId) qb.andWhere('s.legion_id = :legionId', { legionId: filter.legionId });
    if (filter.kind) qb.andWhere('l.kind = :kind', { kind: filter.kind });
    return qb.getMany();
  }

  /** Reads one squad of the organization, or null. */
  findSquad(organizationId: string, id: string): Promise<Squad | null> {
    return this.db.manager.findOne(Squad, { where: { id, organizationId } });
  }

  /** Squads of the organization with these ids (batch load). */
  squadsByIds(organizationId: string, ids: readonly string[]): Promise<Squad[]> {
    return this.db.manager
      .createQueryBuilder(Squad, 's')
      .where('s.organization_id = :org AND s.id = ANY(:ids)', { org: organizationId, ids: [...ids] })
      .getMany();
  }

  /** Ids of the squads of these legions. */
  async squadIdsInLegions(organizationId: string, legionIds: string[]): Promise<string[]> {
    const rows = await this.db.manager.find(Squad, { select: { id: true }, where: { organizationId, legionId: In(legionIds) } });
    return rows.map((s) => s.id);
  }

  /** Ids of the squads the user leads. */
  async squadIdsLedBy(organizationId: string, userId: string): Promise<string[]> {
    const rows = await this.db.manager.find(Squad, { select: { id: true }, where: { organizationId, leadId: userId } });
    return rows.map((s) => s.id);
  }

  /** Whether a squad with this name (case-insensitive) exists in the organization. */
  squadNameTaken(organizationId: string, name: string): Promise<boolean> {
    return this.db.manager
      .createQueryBuilder(Squad, 'e')
      .where('e.organization_id = :organizationId AND lower(e.name) = lower(:name)', { organizationId, name })
      .getExists();
  }

  /** Inserts a squad. */
  createSquad(values: Pick<Squad, 'organizationId' | 'legionId' | 'name' | 'leadId'>): Promise<Squad> {
    const m = this.db.manager;
    return m.save(m.create(Squad, values));
  }

  /** Writes a squad's changed fields. */
  saveSquad(squad: Squad): Promise<Squad> {
    return this.db.manager.save(squad);
  }

  /** The kind of the squad's legion, or null when the squad is not in the organization. */
  async squadKind(organizationId: string, squadId: string): Promise<TeamKind | null> {
    const [row]: { kind: TeamKind }[] = await this.db.query(
      'SELECT l.kind FROM squad s JOIN legion l ON l.id = s.legion_id WHERE s.id = $1 AND s.organization_id = $2',
      [squadId, organizationId],
    );
    return row?.kind ?? null;
  }

  /** The kind of a legion (any organization), or null. */
  async legionKind(legionId: string): Promise<TeamKind | null> {
    const [row]: { kind: TeamKind }[] = await this.db.query('SELECT kind FROM legion WHERE id = $1', [legionId]);
    return row?.kind ?? null;
  }

  /** Whether one of these legions of the organization is of the given kind. */
  async anyLegionOfKind(organizationId: string, legionIds: string[], kind: TeamKind): Promise<boolean> {
    const [row] = await this.db.query('SELECT 1 FROM legion WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND kind = $3', [
      organizationId,
      legionIds,
      kind,
    ]);
    return !!row;
  }

  /** Those of these squad ids that are squads of the organization in legions of the given kind. */
  async squadIdsOfKind(organizationId: string, squadIds: string[], kind: TeamKind): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      'SELECT s.id FROM squad s JOIN legion l ON l.id = s.legion_id WHERE s.organization_id = $1 AND s.id = ANY($2::uuid[]) AND l.kind = $3',
      [organizationId, squadIds, kind],
    );
    return rows.map((r) => r.id);
  }
}
