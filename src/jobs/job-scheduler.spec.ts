import { describe, expect, it } from '@jest/globals';
import { dueDelay, errorText } from './job-scheduler.js';

describe('dueDelay', () => {
  const now = new Date('2026-12-04T12:00:00Z');

  it('runs a job that never ran at once', () => {
    expect(dueDelay(null, 60_000, now)).toBe(0);
  });

  it('waits until the last finish plus the interval', () => {
    expect(dueDelay(new Date('2026-12-04T11:59:30Z'), 60_000, now)).toBe(30_000);
  });

  it('runs an overdue job at once', () => {
    expect(dueDelay(new Date('2026-12-04T10:00:00Z'), 60_000, now)).toBe(0);
  });
});

describe('errorText', () => {
  it('keeps the message and drops the stack', () => {
    const err = new Error('boom');
    expect(err.stack).toContain('\n');
    expect(errorText(err)).toBe('boom');
  });

  it('bounds long messages', () => {
    expect(errorText(new Error('x'.repeat(5000))).length).toBe(1001);
  });

  it('accepts non-errors', () => {
    expect(errorText('plain')).toBe('plain');
  });
});
