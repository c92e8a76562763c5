import { describe, expect, it } from '@jest/globals';
import { ATTRIBUTION_MAX_LENGTH, hasAttribution, normalizeAttribution, normalizeAttributionValue } from './attribution.js';

describe('normalizeAttributionValue', () => {
  it('trims, lower-cases and collapses whitespace', () => {
    expect(normalizeAttributionValue('  Spring   Sale\t2026 ')).toEqual({ ok: true, value: 'spring sale 2026' });
    expect(normalizeAttributionValue('SPRING SALE 2026')).toEqual({ ok: true, value: 'spring sale 2026' });
    expect(normalizeAttributionValue('Весна\u00a0Промо')).toEqual({ ok: true, value: 'весна промо' });
    expect(normalizeAttributionValue('夏季 活动')).toEqual({ ok: true, value: '夏季 活动' });
  });
  it('composes to NFC, so the same text typed two ways is one campaign', () => {
    expect(normalizeAttributionValue('Tiê\u0301ng Viê\u0323t')).toEqual(normalizeAttributionValue('Tiếng Việt'));
  });
  it('blank or absent = none', () => {
    expect(normalizeAttributionValue('   ')).toEqual({ ok: true, value: null });
    expect(normalizeAttributionValue(null)).toEqual({ ok: true, value: null });
    expect(normalizeAttributionValue(undefined)).toEqual({ ok: true, value: null });
  });
  it(`refuses more than ${ATTRIBUTION_MAX_LENGTH} characters (after normalization) and control characters`, () => {
    expect(normalizeAttributionValue('a'.repeat(ATTRIBUTION_MAX_LENGTH))).toEqual({ ok: true, value: 'a'.repeat(ATTRIBUTION_MAX_LENGTH) });
    expect(normalizeAttributionValue(` ${'A'.repeat(ATTRIBUTION_MAX_LENGTH)}  `)).toEqual({ ok: true, value: 'a'.repeat(ATTRIBUTION_MAX_LENGTH) });
    expect(normalizeAttributionValue('a'.repeat(ATTRIBUTION_MAX_LENGTH + 1))).toEqual({
      ok: false,
      message: `is longer than ${ATTRIBUTION_MAX_LENGTH} characters`,
    });
    expect(normalizeAttributionValue('a\u0000b')).toEqual({ ok: false, message: 'contains control characters' });
  });
});

describe('normalizeAttribution', () => {
  it('normalizes every field and names each problem', () => {
    const r = normalizeAttribution({ campaign: ' Spring ', source: 'FaceBook', medium: 'x'.repeat(121), content: undefined });
    expect(r.value).toEqual({ campaign: 'spring', source: 'facebook', medium: null, content: null });
    expect(r.problems).toEqual([{ field: 'medium', message: 'is longer than 120 characters' }]);
    expect(hasAttribution(r.value)).toBe(true);
    expect(hasAttribution(normalizeAttribution(null).value)).toBe(false);
  });
});
