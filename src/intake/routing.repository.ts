import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Db } from '../database/transaction.js';
import { ownedLeadsInStagesCountSql } from '../leads/index.js';
import type { LeadStage } from '../leads/index.js';
import { orgSql, type Role } from '../organization/index.js';
import { RepCapacity, RoutingConfig } from './entities/index.js';
import type { RepSlot } from './routing.js';

/** A person as routing needs them (app_user of the organization context). */
export interface RoutingUser {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

/** The config fields setConfig writes. */
export type RoutingConfigValues = Pick<RoutingConfig, 'tierThreshold' | 'strategy' | 'squadIds' | 'poolSquadId' | 'defaultCapacity' | 'defaultCountryCode'>;

/** The intake context's statements over `routing_config` and `rep_capacity`, and the people routing reads. */
@Injectable()
export class RoutingRepository {
  constructor(private readonly db: Db) {}

  /** Reads the organization's routing configs, the default (cohortRef null) first. */
  configs(organizationId: string): Promise<RoutingConfig[]> {
    return this.db.manager.find(RoutingConfig, { where: { organizationId }, order: { cohortRef: { direction: 'ASC', nulls: 'FIRST' } } });
  }

  /** Reads the organization default (cohortRef null) or one campaign's config. */
  findConfig(organizationId: string, cohortRef: string | null): Promise<RoutingConfig | null> {
    return this.db.manager.findOne(RoutingConfig, { where: { organizationId, cohortRef: cohortRef ?? IsNull() } });
  }

  /** Reads the organization default and the config of `cohortRef` (0, 1 or 2 rows). */
  configsFor(organizationId: string, cohortRef: string | null): Promise<RoutingConfig[]> {
    return this.db.manager
      .createQueryBuilder(RoutingConfig, 'c')
      .where('c.organization_id = :org AND (c.cohort_ref IS NULL OR c.cohort_ref = :ref)', { org: organizationId, ref: cohortRef ?? '' })
      .getMany();
  }

  /** Reads the default country code of the organization default config. */
  async defaultCountryCode(organizationId: string): Promise<string | null> {
    const row = await this.db.manager.findOne(RoutingConfig, { select: { defaultCountryCode: true }, where: { organizationId, cohortRef: IsNull() } });
    return row?.defaultCountryCode ?? null;
  }

  /** Inserts a config. */
  insertConfig(values: RoutingConfigValues & Pick<RoutingConfig, 'organizationId' | 'cohortRef' | 'lastAssignedUserId'>): Promise<RoutingConfig> {
    return this.db.manager.save(this.db.manager.create(RoutingConfig, values));
  }

  /** Writes a changed config. */
  saveConfig(config: RoutingConfig): Promise<RoutingConfig> {
    return this.db.manager.save(config);
  }

  /** Writes a config's round-robin position. */
  async setLastAssigned(configId: string, userId: string | null): Promise<void> {
    await this.db.manager.update(RoutingConfig, { id: configId }, { lastAssignedUserId: userId });
  }

  /** Reads a rep's capacity override. */
  findCapacity(userId: string): Promise<RepCapacity | null> {
    return this.db.manager.findOne(RepCapacity, { where: { userId } });
  }

  /** Deletes a rep's capacity override. */
  async deleteCapacity(userId: string): Promise<void> {
    await this.db.manager.delete(RepCapacity, { userId });
  }

  /** Inserts or replaces a rep's capacity override. */
  async upsertCapacity(organizationId: string, userId: string, maxOpenLeads: number): Promise<void> {
    await this.db.manager.upsert(RepCapacity, { userId, organizationId, maxOpenLeads }, ['userId']);
  }

  /**
   * Reads the current reps of `squadIds` (open membership, active, role MEMBER, not
   * `excludeUserId`) with their open leads and capacity, in config squad order, then name.
   */
  async repSlots(
    organizationId: string,
    squadIds: string[],
    defaultCapacity: number,
    openStages: readonly LeadStage[],
    excludeUserId: string | null,
  ): Promise<RepSlot[]> {
    const rows = await this.db.query<{ user_id: string; squad_id: string; capacity: number; open: number }>(
      `SELECT u.id AS user_id, sm.squad_id, COALESCE(rc.max_open_leads, $3)::int AS capacity,
              ${ownedLeadsInStagesCountSql('$1', 'u.id', '$4')}::int AS open
         FROM ${orgSql.membership.as('sm')} JOIN ${orgSql.user.as('u')} ON u.id = sm.user_id
         LEFT JOIN rep_capacity rc ON rc.user_id = u.id
        WHERE sm.organization_id = $1 AND sm.valid_to IS NULL AND sm.squad_id = ANY($2::uuid[])
          AND u.active AND u.role = 'MEMBER' AND u.id IS DISTINCT FROM $5::uuid
        ORDER BY array_position($2::uuid[], sm.squad_id), u.name, u.id`,
      [organizationId, squadIds, defaultCapacity, openStages, excludeUserId],
    );
    return rows.map((r) => ({ userId: r.user_id, squadId: r.squad_id, open: r.open, capacity: r.capacity }));
  }

  /** Reads the ids among `ids` that are squads of the organization. */
  async existingSquadIds(organizationId: string, ids: string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT s.id FROM ${orgSql.squad.as('s')} WHERE s.organization_id = $1 AND s.id = ANY($2::uuid[])`, [
      organizationId,
      ids,
    ]);
    return rows.map((r) => r.id);
  }

  /** Reads one person of the organization. */
  async findUser(organizationId: string, id: string): Promise<RoutingUser | null> {
    const [row] = await this.db.query<RoutingUser>(
      `SELECT u.id, u.name, u.role, u.active FROM ${orgSql.user.as('u')} WHERE u.id = $1 AND u.organization_id = $2 LIMIT 1`,
      [id, organizationId],
    );
    return row ?? null;
  }

  /** Reads the squad of a person's open membership (null without one). */
  async openMembershipSquad(userId: string): Promise<string | null> {
    const [row] = await this.db.query<{ squad_id: string | null }>(`SELECT ${orgSql.membership.squadNow('$1')} AS squad_id`, [userId]);
    return row?.squad_id ?? null;
  }
}
