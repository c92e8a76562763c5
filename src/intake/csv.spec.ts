import { describe, expect, it } from '@jest/globals';
import { csvField, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('splits plain fields and lines (LF and CRLF)', () => {
    expect(parseCsv('a,b,c\n1,2,3\r\n4,,6')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '', '6'] },
    ]);
  });

  it('handles quotes, escaped quotes, commas and embedded newlines, keeping start lines', () => {
    const text = 'name,comment\r\n"Li, Anna","said ""hi""\r\nthen left"\r\n"Bo",x\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'comment'] },
      { line: 2, fields: ['Li, Anna', 'said "hi"\r\nthen left'] },
      { line: 4, fields: ['Bo', 'x'] },
    ]);
  });

  it('keeps empty quoted fields, trailing empty fields, and skips blank lines and a BOM', () => {
    expect(parseCsv('\ufeffa,""\n\n\r\nb,\n')).toEqual([
      { line: 1, fields: ['a', ''] },
      { line: 4, fields: ['b', ''] },
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('"a\nb\nc",d\ne')).toEqual([
      { line: 1, fields: ['a\nb\nc', 'd'] },
      { line: 4, fields: ['e'] },
    ]);
  });

  it('rejects malformed quoting with the line number', () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow('line 2: a quoted field is never closed');
    expect(() => parseCsv('a\nb"c,d')).toThrow('line 2: a quote in an unquoted field');
    expect(() => parseCsv('"a"b,c')).toThrow('line 1: unexpected character after a closing quote');
  });

  it('round-trips through csvField', () => {
    const values = ['plain', 'with,comma', 'with "quote"', 'multi\nline', ''];
    expect(parseCsv(values.map(csvField).join(','))[0].fields).toEqual(values);
  });
});
