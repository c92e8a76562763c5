import { describe, expect, it } from '@jest/globals';
import { Role } from './entities/team-kind.js';
import { PRINCIPAL_TTL_MS, PrincipalCache, type Principal } from './principal-cache.js';

const principal = (userId: string, organizationId = 'org-1'): Principal => ({
  userId,
  organizationId,
  role: Role.MEMBER,
  name: `User ${userId}`,
  email: `${userId}@example.com`,
  timeZone: 'Asia/Shanghai',
  tokenVersion: 0,
});

function cacheAt(start: number): { cache: PrincipalCache; advance: (ms: number) => void } {
  let t = start;
  const cache = new PrincipalCache();
  cache.now = () => t;
  return { cache, advance: (ms) => (t += ms) };
}

describe('PrincipalCache', () => {
  it('returns a principal until its TTL is over, then forgets it', () => {
    const { cache, advance } = cacheAt(1_000_000);
    cache.set(principal('u1'), cache.stamp());
    expect(cache.get('u1')).toEqual(principal('u1'));
    advance(PRINCIPAL_TTL_MS - 1);
    expect(cache.get('u1')?.userId).toBe('u1');
    advance(1);
    expect(cache.get('u1')).toBeUndefined();
    expect(cache.get('unknown')).toBeUndefined();
  });

  it('forgets one user, or every user of an organization', () => {
    const { cache } = cacheAt(0);
    cache.set(principal('u1'), cache.stamp());
    cache.set(principal('u2'), cache.stamp());
    cache.set(principal('u3', 'org-2'), cache.stamp());
    cache.forgetUser('u1');
    expect([cache.get('u1'), cache.get('u2')?.userId, cache.get('u3')?.userId]).toEqual([undefined, 'u2', 'u3']);
    cache.forgetOrganization('org-1');
    expect([cache.get('u2'), cache.get('u3')?.userId]).toEqual([undefined, 'u3']);
  });

  it('does not keep a lookup that started before a change was forgotten (stale read racing a deactivation)', () => {
    const { cache } = cacheAt(0);
    const before = cache.stamp(); // a request starts reading the user…
    cache.forgetUser('u1'); // …the user is deactivated and forgotten meanwhile…
    cache.set(principal('u1'), before); // …and the (now stale) row it read must not be cached
    expect(cache.get('u1')).toBeUndefined();
    cache.set(principal('u1'), cache.stamp());
    expect(cache.get('u1')?.userId).toBe('u1');
  });

  it('holds at most 10,000 users, dropping the oldest first', () => {
    const { cache } = cacheAt(0);
    for (let i = 0; i <= 10_000; i++) cache.set(principal(`u${i}`), cache.stamp());
    expect(cache.get('u0')).toBeUndefined();
    expect(cache.get('u1')?.userId).toBe('u1');
    expect(cache.get('u10000')?.userId).toBe('u10000');
  });

  it('tells listeners which user changed (open subscriptions re-check their session)', () => {
    const { cache } = cacheAt(0);
    const told: string[] = [];
    cache.onUserChange((id) => told.push(id));
    cache.forgetUser('u1');
    cache.forgetOrganization('org-1');
    cache.forgetUser('u2');
    expect(told).toEqual(['u1', 'u2']);
  });
});
