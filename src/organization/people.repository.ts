import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { applyKeyset, keysetAfter } from '../common/graphql/keyset.js';
import { Db } from '../database/transaction.js';
import { type Role, SquadMembership, User } from './entities/index.js';

/** The filters of a page of users (`PeopleRepository.usersPage`). */
export interface UsersPageQuery {
  organizationId: string;
  /** Null: every user; else users now in one of these squads, and `self`. */
  visibleSquadIds: string[] | null;
  self: string | null;
  role?: Role;
  active?: boolean;
  squadId?: string;
  search?: string;
  after?: string | null;
  limit: number;
}

/** What an authenticated request needs about its user (`PeopleRepository.principal`). */
export interface PrincipalRow {
  id: string;
  organizationId: string;
  role: Role;
  name: string;
  email: string;
  active: boolean;
  timeZone: string;
  tokenVersion: number;
}

/** A user with their password hash and token version (login). */
export type UserWithSecrets = User & { passwordHash: string; tokenVersion: number };

/** Every statement on `app_user` and `squad_membership` (people and their squads over time). */
@Injectable()
export class PeopleRepository {
  constructor(private readonly db: Db) {}

  // ------------------------------------------------------------------ users

  /** One page of the organization's users by (name, id), with the filters of the users list. */
  usersPage(q: UsersPageQuery): Promise<User[]> {
    const qb = this.db.manager.createQueryBuilder(User, 'u').where('u.organization_id = :org', { org: q.organizationId });
    if (q.visibleSquadIds !== null) {
      qb.andWhere(
        `(u.id = :self OR EXISTS (SELECT 1 FROM squad_membership sm WHERE sm.user_id = u.id AND sm.valid_to IS NULL AND sm.squad_id = ANY(:squads)))`,
        { self: q.self, squads: q.visibleSquadIds },
      );
    }
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    if (q.squadId) {
      qb.andWhere('EXISTS (SELECT 1 FROM squad_membership f WHERE f.user_id = u.id AND f.valid_to IS NULL AND f.squad_id = :fsquad)', {
        fsquad: q.squadId,
      });
    }
    if (q.search) {
      qb.andWhere(`(u.name ILIKE :q OR u.email ILIKE :q)`, { q: `%${q.search.replace(/[\\%_]/g, (c) => '\\' + c)}%` });
    }
    return applyKeyset(qb, { sort: 'u.name', id: 'u.id', direction: 'ASC', limit: q.limit, after: keysetAfter(q.after) }).getMany();
  }

  /** Reads one user of the organization, or null. */
  findUser(organizationId: string, id: string): Promise<User | null> {
    return this.db.manager.findOne(User, { where: { id, organizationId } });
  }

  /** Users of the organization with these ids (batch load). */
  usersByIds(organizationId: string, ids: readonly string[]): Promise<User[]> {
    return this.db.manager
      .createQueryBuilder(User, 'u')
      .where('u.organization_id = :org AND u.id = ANY(:ids)', { org: organizationId, ids: [...ids] })
      .getMany();
  }

  /** Whether any user (of any organization) has this email. */
  emailTaken(email: string): Promise<boolean> {
    return this.db.manager.exists(User, { where: { email } });
  }

  /** Inserts a user. */
  createUser(values: Pick<User, 'organizationId' | 'email' | 'name' | 'passwordHash' | 'role' | 'active' | 'deactivatedAt'>): Promise<User> {
    const m = this.db.manager;
    return m.save(m.create(User, values));
  }

  /** Writes a user's changed fields. */
  saveUser(user: User): Promise<User> {
    return this.db.manager.save(user);
  }

  /** Raises the user's token version: every access token issued before stops working. */
  async endSessions(userId: string): Promise<void> {
    await this.db.manager
      .createQueryBuilder()
      .update(User)
      .set({ tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id: userId })
      .execute();
  }

  /** Sets the user's password hash and raises their token version (ends their sessions). */
  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.manager
      .createQueryBuilder()
      .update(User)
      .set({ passwordHash, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id: userId })
      .execute();
  }

  /** The user with this email (any organization) with their password hash and token version, or null. */
  async userWithSecretsByEmail(email: string): Promise<UserWithSecrets | null> {
    const user = await this.db.manager
      .createQueryBuilder(User, 'u')
      .addSelect(['u.passwordHash', 'u.tokenVersion'])
      .where('u.email = :email', { email })
      .getOne();
    return user as UserWithSecrets | null;
  }

  /** The user's password hash (throws when there is no such user). */
  async passwordHashOf(userId: string): Promise<string> {
    const row = await this.db.manager.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).getOneOrFail();
    return row.passwordHash;
  }

  /** The user's role, state and token version with the organization's time zone, in one statement; null when unknown. */
  async principal(userId: string, organizationId: string): Promise<PrincipalRow | null> {
    const [user]: {
      id: string;
      organization_id: string;
      role: Role;
      name: string;
      email: string;
      active: boolean;
      time_zone: string;
      token_version: number;
    }[] = await this.db.query(
      `SELECT u.id, u.organization_id, u.role, u.name, u.email, u.active, o.time_zone, u.token_version
       FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE u.id = $1 AND u.organization_id = $2`,
      [userId, organizationId],
    );
    if (!user) return null;
    return {
      id: user.id,
      organizationId: user.organization_id,
      role: user.role,
      name: user.name,
      email: user.email,
      active: user.active,
      timeZone: user.time_zone,
      tokenVersion: Number(user.token_version),
    };
  }

  // ------------------------------------------------------------------ memberships

  /** The user's open membership (any organization), or null. */
  currentMembership(userId: string): Promise<SquadMembership | null> {
    return this.db.manager.findOne(SquadMembership, { where: { userId, validTo: IsNull() } });
  }

  /** The squad the user is in now (any organization), or null. */
  async currentSquadId(userId: string): Promise<string | null> {
    const [row]: { squad_id: string }[] = await this.db.query(`SELECT squad_id FROM squad_membership WHERE user_id = $1 AND valid_to IS NULL`, [userId]);
    return row?.squad_id ?? null;
  }

  /** Ids of the squads the user is in now, within the organization. */
  async currentSquadIds(organizationId: string, userId: string): Promise<string[]> {
    const own = await this.db.manager.find(SquadMembership, { select: { squadId: true }, where: { organizationId, userId, validTo: IsNull() } });
    return own.map((m) => m.squadId);
  }

  /** The open memberships of these users (for the nested `User.squad` field). */
  currentMemberships(organizationId: string, userIds: readonly string[]): Promise<SquadMembership[]> {
    return this.db.manager
      .createQueryBuilder(SquadMembership, 'sm')
      .where('sm.organization_id = :org AND sm.user_id = ANY(:ids) AND sm.valid_to IS NULL', { org: organizationId, ids: [...userIds] })
      .getMany();
  }

  /** Every membership of the user, newest first. */
  memberships(organizationId: string, userId: string): Promise<SquadMembership[]> {
    return this.db.manager.find(SquadMembership, { where: { userId, organizationId }, order: { validFrom: 'DESC' } });
  }

  /** Ids of everyone who was ever a member of one of these squads (current and past memberships). */
  async userIdsEverInSquads(organizationId: string, squadIds: readonly string[]): Promise<string[]> {
    const rows = await this.db.manager
      .createQueryBuilder(SquadMembership, 'sm')
      .select('DISTINCT sm.user_id', 'userId')
      .where('sm.organization_id = :org AND sm.squad_id = ANY(:squads)', { org: organizationId, squads: [...squadIds] })
      .getRawMany<{ userId: string }>();
    return rows.map((r) => r.userId);
  }

  /** The people in a squad at an instant, by name. */
  squadMembersAt(organizationId: string, squadId: string, when: Date): Promise<User[]> {
    return this.db.manager
      .createQueryBuilder(User, 'u')
      .innerJoin(SquadMembership, 'sm', 'sm.user_id = u.id')
      .where('sm.squad_id = :squadId AND sm.organization_id = :org', { squadId, org: organizationId })
      .andWhere('sm.valid_from <= :when AND (sm.valid_to IS NULL OR sm.valid_to > :when)', { when })
      .orderBy('u.name', 'ASC')
      .getMany();
  }

  /** The user's open membership, locked until the transaction ends (two moves cannot both close it). */
  lockCurrentMembership(userId: string): Promise<SquadMembership | null> {
    return this.db.manager
      .createQueryBuilder(SquadMembership, 'sm')
      .setLock('pessimistic_write')
      .where('sm.user_id = :id AND sm.valid_to IS NULL', { id: userId })
      .getOne();
  }

  /** When the user's last closed membership ended, or null. */
  async lastMembershipEnd(userId: string): Promise<Date | null> {
    const row = await this.db.manager
      .createQueryBuilder(SquadMembership, 'sm')
      .select('max(sm.valid_to)', 'lastEnd')
      .where('sm.user_id = :id', { id: userId })
      .getRawOne<{ lastEnd: Date | null }>();
    return row?.lastEnd ? new Date(row.lastEnd) : null;
  }

  /** Writes a membership's changed fields. */
  async saveMembership(membership: SquadMembership): Promise<void> {
    await this.db.manager.save(membership);
  }

  /** Opens a membership of the user in the squad from `validFrom`. */
  async openMembership(organizationId: string, userId: string, squadId: string, validFrom: Date): Promise<void> {
    await this.db.manager.insert(SquadMembership, { organizationId, userId, squadId, validFrom, validTo: null });
  }

  /** Closes the user's open memberships at `at`. */
  async closeOpenMemberships(userId: string, at: Date): Promise<void> {
    await this.db.manager.update(SquadMembership, { userId, validTo: IsNull() }, { validTo: at });
  }
}
