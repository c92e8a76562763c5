import { describe, expect, it } from '@jest/globals';
import { checkVariables, hasBadText } from './limits.js';

describe('checkVariables', () => {
  it('names every NUL and lone surrogate by its path, keys included', () => {
    expect(checkVariables({ a: 'ok', b: { c: ['x', 'y\u0000'] }, d: '\ud800', e: { 'k\u0000': 1 } }).map((e) => e.field)).toEqual(['e', 'd', 'b.c.1']);
  });

  it('accepts surrogate pairs and ordinary text', () => {
    expect(checkVariables({ a: '😀 ok', b: [1, true, null, { c: 'é' }] })).toEqual([]);
    expect(hasBadText('\ud83d\ude00')).toBe(false);
    expect(hasBadText('\ude00\ud83d')).toBe(true);
  });

  it('refuses nesting deeper than the bound without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 500_000; i++) deep = [deep];
    const errors = checkVariables({ n: deep });
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/nested deeper than 32 levels/);
    let ok: unknown = 'x';
    for (let i = 0; i < 30; i++) ok = { a: ok };
    expect(checkVariables({ n: ok })).toEqual([]);
  });
});
