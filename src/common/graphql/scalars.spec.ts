import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { parseDateTime } from './scalars.js';

describe('parseDateTime', () => {
  it('reads instants with Z, offsets, fractions and bare dates', () => {
    expect(parseDateTime('2026-03-01T09:30:00Z').toISOString()).toBe('2026-03-01T09:30:00.000Z');
    expect(parseDateTime('2026-03-01T09:30+08:00').toISOString()).toBe('2026-03-01T01:30:00.000Z');
    expect(parseDateTime('2026-03-01T09:30:00.123456-01:30').toISOString()).toBe('2026-03-01T11:00:00.123Z');
    expect(parseDateTime('2024-02-29').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('rejects years outside the input bounds (2000..2100)', () => {
    expect(() => parseDateTime('0050-01-01T00:00:00Z')).toThrow(GraphQLError);
    expect(() => parseDateTime('9999-12-31T00:00:00Z')).toThrow(GraphQLError);
    expect(parseDateTime('2100-12-31T23:59:59Z').getUTCFullYear()).toBe(2100);
  });

  it('rejects days and times that do not exist instead of rolling them over', () => {
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2025-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60Z',
      'x',
      '',
      '2026-01-01T00:00:00+25:00',
    ]) {
      expect(() => parseDateTime(bad)).toThrow(GraphQLError);
    }
    expect(() => parseDateTime(12345)).toThrow(GraphQLError);
    expect(() => parseDateTime(null)).toThrow(GraphQLError);
  });
});
