import { describe, expect, it } from '@jest/globals';
import { pickVariant } from './index.js';

describe('pickVariant', () => {
  const variants = [
    { id: 'parent', persona: 'PARENT' },
    { id: 'default', persona: null },
    { id: 'student', persona: 'STUDENT' },
    { id: 'default-2', persona: null },
    { id: 'parent-2', persona: 'PARENT' },
  ];
  it('returns the first variant for the persona', () => {
    expect(pickVariant(variants, 'PARENT')?.id).toBe('parent');
    expect(pickVariant(variants, 'STUDENT')?.id).toBe('student');
  });
  it('falls back to the first default variant', () => {
    expect(pickVariant(variants, 'TEACHER')?.id).toBe('default');
    expect(pickVariant(variants, null)?.id).toBe('default');
  });
  it('returns null with neither a match nor a default', () => {
    expect(pickVariant([{ id: 'a', persona: 'PARENT' }], 'STUDENT')).toBeNull();
    expect(pickVariant([{ id: 'a', persona: 'PARENT' }], null)).toBeNull();
    expect(pickVariant([], 'PARENT')).toBeNull();
  });
  it('is case-sensitive and keeps the element type', () => {
    const picked = pickVariant(
      [
        { persona: 'parent', body: 'x' },
        { persona: null, body: 'default' },
      ],
      'PARENT',
    );
    expect(picked).toEqual({ persona: null, body: 'default' });
  });
});
