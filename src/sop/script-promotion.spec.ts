import { describe, expect, it } from '@jest/globals';
import { promoteIntoVariants } from './script-promotion.js';

const scripts = [
  { persona: null, text: 'Hi' },
  { persona: 'parent', text: 'Hi, parent' },
  { persona: 'student', text: 'Hey' },
];

describe('promoteIntoVariants', () => {
  it('replaces only the default by default and lists the persona variants as unchanged', () => {
    expect(promoteIntoVariants(scripts, 'New', [null])).toEqual({
      scripts: [
        { persona: null, text: 'New' },
        { persona: 'parent', text: 'Hi, parent' },
        { persona: 'student', text: 'Hey' },
      ],
      variants: [{ variant: 'default', change: 'CHANGED', before: 'Hi', after: 'New' }],
      unchangedVariants: ['parent', 'student'],
    });
  });
  it('adds missing personas after the existing ones, marks identical texts SAME, de-duplicates targets', () => {
    const r = promoteIntoVariants(scripts, 'Hey', ['professional', 'student', null, 'student']);
    expect(r.scripts).toEqual([
      { persona: null, text: 'Hey' },
      { persona: 'parent', text: 'Hi, parent' },
      { persona: 'student', text: 'Hey' },
      { persona: 'professional', text: 'Hey' },
    ]);
    expect(r.variants).toEqual([
      { variant: 'professional', change: 'ADDED', before: null, after: 'Hey' },
      { variant: 'student', change: 'SAME', before: 'Hey', after: 'Hey' },
      { variant: 'default', change: 'CHANGED', before: 'Hi', after: 'Hey' },
    ]);
    expect(r.unchangedVariants).toEqual(['parent']);
  });
  it('works on a step without scripts and without a default', () => {
    expect(promoteIntoVariants([], 'X', ['parent'])).toEqual({
      scripts: [{ persona: 'parent', text: 'X' }],
      variants: [{ variant: 'parent', change: 'ADDED', before: null, after: 'X' }],
      unchangedVariants: [],
    });
    expect(promoteIntoVariants([{ persona: 'parent', text: 'P' }], 'X', [null]).scripts).toEqual([
      { persona: null, text: 'X' },
      { persona: 'parent', text: 'P' },
    ]);
  });
});
