import { describe, expect, it } from '@jest/globals';
import { MemoryWindowStore, windowStart } from './window-store.js';
import { perWindow } from './rate-limiter.js';

describe('MemoryWindowStore', () => {
  it('counts per bucket within a fixed window aligned to the epoch and starts again in the next', () => {
    const store = new MemoryWindowStore();
    const t0 = 1_000_000_000_000; // a multiple of 10 000
    expect(store.hitSync('a', 10_000, t0 + 100)).toEqual({ count: 1, resetAt: t0 + 10_000 });
    expect(store.hitSync('a', 10_000, t0 + 9_999).count).toBe(2);
    expect(store.hitSync('b', 10_000, t0 + 9_999).count).toBe(1);
    expect(store.hitSync('a', 10_000, t0 + 10_000)).toEqual({ count: 1, resetAt: t0 + 20_000 });
  });

  it('drops the counters of ended windows, so many addresses do not pile up', () => {
    const store = new MemoryWindowStore();
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < 100; i++) store.hitSync(`addr:${i}`, 1000, t0 + 10);
    expect(store.size).toBe(100);
    store.hitSync('addr:new', 1000, t0 + 1000);
    expect(store.size).toBe(1);
  });

  it('aligns windows', () => {
    expect(windowStart(125_000, 60_000)).toBe(120_000);
  });
});

describe('perWindow', () => {
  it('scales a per-minute limit to the window, at least 1, 0 = off', () => {
    expect(perWindow(600, 60)).toBe(600);
    expect(perWindow(120, 10)).toBe(20);
    expect(perWindow(18, 10)).toBe(3);
    expect(perWindow(1, 1)).toBe(1);
    expect(perWindow(0, 60)).toBe(0);
  });
});
