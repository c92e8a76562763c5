import { Injectable } from '@nestjs/common';
import type { Role } from './entities/team-kind.js';

/** What an authenticated request needs about its user and organization. */
export interface Principal {
  userId: string;
  organizationId: string;
  role: Role;
  name: string;
  email: string;
  timeZone: string;
  /** The user's token version: a token carrying another one is refused. */
  tokenVersion: number;
}

/**
 * Told the id of a user whose session-relevant state changed (after commit): `local` when the
 * change was made through this instance, `remote` when another replica announced it.
 */
export type UserChangeListener = (userId: string, origin: 'local' | 'remote') => void;

/** How long a looked-up principal is reused, at most. */
export const PRINCIPAL_TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

/**
 * Active users as every authenticated request reads them (role, name, email, the organization's
 * time zone), kept for at most {@link PRINCIPAL_TTL_MS}: a client's burst of requests costs one
 * lookup instead of one per request. Changes made through this API instance are seen at once,
 * because the services that make them call {@link forgetUser} / {@link forgetOrganization} after
 * their transaction commits; a change made by another instance is seen at once when it is announced
 * over Redis (PrincipalInvalidation), and within the TTL otherwise.
 * Inactive or unknown users are never cached (they are rejected on every request).
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  /** Bumped by every forget: a lookup that started before a change is not cached after it. */
  private generation = 0;
  private readonly listeners: UserChangeListener[] = [];
  /** The clock (replaceable in tests). */
  now: () => number = Date.now;

  /** Take before reading a principal from the database; pass to {@link set}. */
  stamp(): number {
    return this.generation;
  }

  get(userId: string): Principal | undefined {
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(userId);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers a principal read after `stamp`, unless something was forgotten since. */
  set(principal: Principal, stamp: number): void {
    if (stamp !== this.generation) return;
    this.entries.delete(principal.userId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(principal.userId, { principal, until: this.now() + PRINCIPAL_TTL_MS });
  }

  forgetUser(userId: string, origin: 'local' | 'remote' = 'local'): void {
    this.generation++;
    this.entries.delete(userId);
    for (const listener of this.listeners) listener(userId, origin);
  }

  /** E.g. open subscriptions re-check their session when their user changes. */
  onUserChange(listener: UserChangeListener): void {
    this.listeners.push(listener);
  }

  /** Drops every entry (e.g. before counting a request's statements, which then include its session lookup). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  forgetOrganization(organizationId: string): void {
    this.generation++;
    for (const [userId, entry] of this.entries) if (entry.principal.organizationId === organizationId) this.entries.delete(userId);
  }
}
