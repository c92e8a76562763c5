import { describe, expect, it } from '@jest/globals';
import { BoundedMemo } from './memo.js';

describe('BoundedMemo', () => {
  it('computes a key once and then answers from memory', () => {
    const memo = new BoundedMemo<string, number>(10);
    let calls = 0;
    const square = (k: string) => (calls++, Number(k) ** 2);
    expect(memo.get('3', square)).toBe(9);
    expect(memo.get('3', square)).toBe(9);
    expect(memo.get('4', square)).toBe(16);
    expect(calls).toBe(2);
    expect(memo.size).toBe(2);
  });

  it('remembers falsy answers (false, 0, undefined) instead of computing them again', () => {
    const memo = new BoundedMemo<string, unknown>(10);
    let calls = 0;
    for (const v of [false, 0, undefined, null]) {
      const key = String(v);
      expect(memo.get(key, () => (calls++, v))).toBe(v);
      expect(memo.get(key, () => (calls++, 'again'))).toBe(v);
    }
    expect(calls).toBe(4);
  });

  it('never remembers an answer that throws', () => {
    const memo = new BoundedMemo<string, number>(10);
    expect(() =>
      memo.get('bad', () => {
        throw new RangeError('bad input');
      }),
    ).toThrow('bad input');
    expect(memo.size).toBe(0);
    expect(memo.get('bad', () => 1)).toBe(1);
  });

  it('starts afresh once full, so it never holds more than its limit', () => {
    const memo = new BoundedMemo<number, number>(3);
    for (let i = 0; i < 3; i++) memo.get(i, (k) => k);
    expect(memo.size).toBe(3);
    memo.get(99, (k) => k);
    expect(memo.size).toBe(1);
    let calls = 0;
    expect(memo.get(0, (k) => (calls++, k))).toBe(0);
    expect(calls).toBe(1);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new BoundedMemo(0)).toThrow(RangeError);
    expect(() => new BoundedMemo(1.5)).toThrow(RangeError);
  });
});
