import { describe, expect, it } from '@jest/globals';
import { preferPreloaded, preloadFields, PRELOADED } from './preloaded.js';

describe('preloaded field values', () => {
  const calls: unknown[] = [];
  const resolve = preferPreloaded((source: unknown) => {
    calls.push(source);
    return 'resolved';
  }, 'lead');

  it('returns the preloaded value, even null, without calling the resolver', () => {
    calls.length = 0;
    expect(resolve(preloadFields({ id: 1 }, { lead: { name: 'Ann' } }))).toEqual({ name: 'Ann' });
    expect(resolve(preloadFields({ id: 2 }, { lead: null }))).toBeNull();
    expect(calls).toEqual([]);
  });

  it('calls the resolver for any other source', () => {
    calls.length = 0;
    const other = preloadFields({ id: 3 }, { objectionLogs: [] });
    const inherited = preloadFields(Object.create({ lead: 'not own' }) as object, Object.create({ lead: 'inherited' }) as Record<string, unknown>);
    for (const source of [{ id: 4 }, other, inherited, null, undefined, 'text']) expect(resolve(source)).toBe('resolved');
    expect(calls).toHaveLength(6);
  });

  it('is invisible to JSON and spreads', () => {
    const item = preloadFields({ id: 5 }, { lead: null });
    expect(JSON.stringify(item)).toBe('{"id":5}');
    expect(PRELOADED in { ...item }).toBe(false);
    expect(Object.keys(item)).toEqual(['id']);
  });
});
