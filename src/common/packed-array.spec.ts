import { describe, expect, it } from '@jest/globals';
import { packedArray } from './packed-array.js';

describe('packedArray', () => {
  it('gives a new array of zeros of the length asked for, every time', () => {
    const a = packedArray(3);
    const b = packedArray(3);
    expect(a).toEqual([0, 0, 0]);
    expect(b).not.toBe(a);
    a[0] = 7;
    expect(packedArray(3)).toEqual([0, 0, 0]);
    expect(packedArray(0)).toEqual([]);
    expect(packedArray(5)).toEqual([0, 0, 0, 0, 0]);
    expect(packedArray(2)).toEqual([0, 0]);
  });

  it('has no holes: every index is an own element', () => {
    const a = packedArray(4);
    expect(Object.keys(a)).toEqual(['0', '1', '2', '3']);
  });

  it('refuses a length that is not a whole number of zero or more', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => packedArray(bad)).toThrow(/bad length/);
  });
});
