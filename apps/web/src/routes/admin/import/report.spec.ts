import { describe, expect, it } from '@jest/globals';
import { importUrl, percentOf, readImportResponse, reportRows, splitReason } from './report';

describe('importUrl', () => {
  it('sends the dry run and the separator only when asked', () => {
    expect(importUrl('s-1', true, 'auto')).toBe('/intake/import?surveyId=s-1&dryRun=true');
    expect(importUrl('s-1', false, 'semicolon')).toBe('/intake/import?surveyId=s-1&delimiter=semicolon');
  });
});

describe('splitReason', () => {
  it('splits the reasons of a line by the fields they name', () => {
    expect(splitReason("source: 'tv' is not one of AD, OTHER; phone: must be +<digits>")).toEqual([
      { field: 'source', message: "'tv' is not one of AD, OTHER" },
      { field: 'phone', message: 'must be +<digits>' },
    ]);
    expect(splitReason('attribution.campaign: too long')).toEqual([{ field: 'attribution.campaign', message: 'too long' }]);
  });
  it('keeps a message with a semicolon whole and a reason without a field as the line’s', () => {
    const unknown = "unknown column 'shoe'; the columns are contact fields or question keys: name, email";
    expect(splitReason(unknown)).toEqual([{ field: null, message: unknown }]);
    expect(splitReason('has 2 fields; the header has 5')).toEqual([{ field: null, message: 'has 2 fields; the header has 5' }]);
  });
});

describe('reportRows', () => {
  it('lists one row per problem in line order', () => {
    expect(
      reportRows({
        errors: [
          { line: 7, reason: 'goal: unknown option' },
          { line: 3, reason: 'email: bad; phone: bad' },
        ],
      }),
    ).toEqual([
      { line: 3, field: 'email', message: 'bad' },
      { line: 3, field: 'phone', message: 'bad' },
      { line: 7, field: 'goal', message: 'unknown option' },
    ]);
  });
});

describe('percentOf', () => {
  it('rounds and clamps, and is null for an unknown size', () => {
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(300, 200)).toBe(100);
    expect(percentOf(1, 0)).toBeNull();
  });
});

describe('readImportResponse', () => {
  it('reads a report, a refusal with its fields, and a too large body', () => {
    const report = { rows: 2, imported: 1, duplicates: 0, leadsCreated: 1, leadsUpdated: 0, assigned: 1, errors: [] };
    expect(readImportResponse(200, report)).toEqual({ ok: true, report });
    expect(readImportResponse(400, { error: { code: 'BAD_USER_INPUT', message: 'x', fields: [{ field: 'file', message: 'is empty' }] } })).toEqual({
      ok: false,
      status: 400,
      code: 'BAD_USER_INPUT',
      message: 'x',
      fields: [{ field: 'file', message: 'is empty' }],
    });
    expect(readImportResponse(413, { error: { code: 'BAD_USER_INPUT', message: 'too large' } })).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(readImportResponse(0, null)).toMatchObject({ ok: false, code: 'NETWORK' });
  });
});
