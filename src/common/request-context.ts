import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { Role } from '../organization/entities/team-kind.js';

export type Actor =
  | { kind: 'USER'; userId: string; role: Role; name: string; email: string }
  | { kind: 'API_KEY'; apiKeyId: string; scopes: string[]; name: string }
  | { kind: 'SYSTEM'; name: string };

/**
 * Who is calling, for which organization, plus request-scoped DataLoaders. Built by the auth
 * guard and passed explicitly from resolvers into services.
 */
export class RequestContext {
  readonly requestId: string;
  /** The organization's IANA time zone, when the authentication step already loaded it. */
  timeZone?: string;
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    readonly organizationId: string,
    readonly actor: Actor,
    requestId?: string,
  ) {
    this.requestId = requestId ?? randomUUID();
  }

  get userId(): string | null {
    return this.actor.kind === 'USER' ? this.actor.userId : null;
  }

  /** The caller's role; system work (seeding, jobs, CLI) acts with ADMIN rights. */
  get role(): Role | null {
    if (this.actor.kind === 'SYSTEM') return Role.ADMIN;
    return this.actor.kind === 'USER' ? this.actor.role : null;
  }

  /** Who to record in the audit log. */
  get auditActor(): { actorUserId: string | null; actorApiKeyId: string | null } {
    if (this.actor.kind === 'USER') return { actorUserId: this.actor.userId, actorApiKeyId: null };
    if (this.actor.kind === 'API_KEY') return { actorUserId: null, actorApiKeyId: this.actor.apiKeyId };
    return { actorUserId: null, actorApiKeyId: null };
  }

  /**
   * One DataLoader per key per request, so nested fields of a list are fetched with one
   * statement however long the list is.
   */
  loader<K, V>(key: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let l = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!l) {
      l = new DataLoader<K, V>(batch, { cache: true });
      this.loaders.set(key, l as DataLoader<unknown, unknown>);
    }
    return l;
  }

  /** A context for system work (seeding, jobs, CLI) acting as no particular user. */
  static system(organizationId: string): RequestContext {
    return new RequestContext(organizationId, { kind: 'SYSTEM', name: 'system' });
  }
}

/** Groups rows by key in the order DataLoader asked for them. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const r of rows) map.set(keyOf(r), r);
  return keys.map((k) => map.get(k) ?? null);
}

export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
