import { describe, expect, it } from '@jest/globals';
import { diffRows, readableValue } from './diff';

describe('readableValue', () => {
  it('shows text without quotes, lists joined and objects as key: value', () => {
    expect(readableValue('Anna')).toBe('Anna');
    expect(readableValue(3.5)).toBe('3.5');
    expect(readableValue(false)).toBe('false');
    expect(readableValue(['a', 'b'])).toBe('a, b');
    expect(readableValue({ tier: 'A', minScore: 40 })).toBe('tier: A; minScore: 40');
    expect(readableValue(null)).toBeNull();
    expect(readableValue(undefined)).toBeNull();
  });
});

describe('diffRows', () => {
  it('labels creations, removals and changes', () => {
    expect(
      diffRows([
        { field: 'name', before: null, after: '"Anna"' },
        { field: 'stage', before: '"PROSPECT"', after: '"INTRO"' },
        { field: 'squadId', before: '"s1"', after: null },
      ]),
    ).toEqual([
      { field: 'name', kind: 'added', before: null, after: 'Anna' },
      { field: 'stage', kind: 'changed', before: 'PROSPECT', after: 'INTRO' },
      { field: 'squadId', kind: 'removed', before: 's1', after: null },
    ]);
  });
  it('goes one level into objects and drops equal values', () => {
    const rows = diffRows([{ field: 'settings', before: '{"a":1,"b":[1,2]}', after: '{"a":1,"b":[1,3],"c":true}' }]);
    expect(rows).toEqual([
      { field: 'settings.b', kind: 'changed', before: '1, 2', after: '1, 3' },
      { field: 'settings.c', kind: 'added', before: null, after: 'true' },
    ]);
    expect(diffRows([{ field: 'x', before: '1', after: '1' }])).toEqual([]);
  });
  it('keeps text that is not JSON as it is', () => {
    expect(diffRows([{ field: 'note', before: 'plain', after: '"quoted"' }])).toEqual([{ field: 'note', kind: 'changed', before: 'plain', after: 'quoted' }]);
  });
});
