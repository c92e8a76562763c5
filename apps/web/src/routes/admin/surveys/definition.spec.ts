import { describe, expect, it } from '@jest/globals';
import { editorPaths, issuePath, setIn, toDefinitionInput, type Definition } from './definition';

const def: Definition = {
  defaultPersona: 'explorer',
  defaultTier: 'C',
  questions: [
    { key: 'goal', type: 'SINGLE_CHOICE' as const, required: true, options: [{ key: 'a', points: 1 }] },
    { key: 'hours', type: 'NUMBER' as const, required: false, bands: [{ min: 0, max: 5, points: 1 }] },
  ],
  tiers: [{ tier: 'A', minScore: 10 }],
};

describe('toDefinitionInput', () => {
  it('drops __typename and null fields at every depth', () => {
    expect(toDefinitionInput({ __typename: 'X', a: null, b: [{ __typename: 'Y', c: 1, d: null }], e: 'x' })).toEqual({ b: [{ c: 1 }], e: 'x' });
  });
});

describe('editorPaths', () => {
  it('lists the fields and rows the editor renders', () => {
    const p = editorPaths(def);
    expect(p.has('questions[0].options[0].points')).toBe(true);
    expect(p.has('questions[1].bands[0]')).toBe(true);
    expect(p.has('tiers[0].minScore')).toBe(true);
    expect(p.has('rules[0].when[1]')).toBe(false);
    expect(p.has('questions[0].key')).toBe(false);
  });
});

describe('issuePath', () => {
  it('strips the argument prefix of a mutation field error', () => {
    expect(issuePath('definition.questions[2].bands[1]')).toBe('questions[2].bands[1]');
    expect(issuePath('input.definition.tiers[0].minScore')).toBe('tiers[0].minScore');
    expect(issuePath('tiers')).toBe('tiers');
  });
});

describe('setIn', () => {
  it('sets a nested value without touching the original', () => {
    const next = setIn(def, ['questions', 0, 'options', 0, 'points'], 7);
    expect(next.questions[0]!.options![0]!.points).toBe(7);
    expect(def.questions[0]!.options![0]!.points).toBe(1);
    expect(next.questions[1]).toBe(def.questions[1]);
  });
});
