import { describe, expect, it } from '@jest/globals';
import { csvCell, csvLine } from './csv-format.js';

describe('csvCell', () => {
  it('writes plain values as they are', () => {
    expect(csvCell('Tigers', ',')).toBe('Tigers');
    expect(csvCell(42, ',')).toBe('42');
    expect(csvCell(-150.5, ',')).toBe('-150.5');
    expect(csvCell(0.3333333333333333, ',')).toBe('0.3333333333333333');
    expect(csvCell(true, ',')).toBe('true');
    expect(csvCell(null, ',')).toBe('');
    expect(csvCell(undefined, ',')).toBe('');
    expect(csvCell(Number.NaN, ',')).toBe('');
    expect(csvCell(new Date('2026-01-10T10:00:00Z'), ',')).toBe('2026-01-10T10:00:00.000Z');
    expect(csvCell('Иван Петров', ';')).toBe('Иван Петров');
  });
  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('Ivanov, Ivan', ',')).toBe('"Ivanov, Ivan"');
    expect(csvCell('Ivanov, Ivan', ';')).toBe('Ivanov, Ivan');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('say "hi"', ',')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines', ',')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere', ',')).toBe('"cr\rhere"');
  });
  it('defuses formulas in text cells, not in numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","y")', ',')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1 555', ',')).toBe("'+1 555");
    expect(csvCell('-5', ',')).toBe("'-5");
    expect(csvCell('@SUM(A1)', ',')).toBe("'@SUM(A1)");
    expect(csvCell('\tx', ',')).toBe("'\tx");
    expect(csvCell(-5, ',')).toBe('-5');
    expect(csvCell('a=b', ',')).toBe('a=b');
  });
});

describe('csvLine', () => {
  it('joins with the separator and ends with CRLF', () => {
    expect(csvLine(['a', 1, null, 'x,y'], ',')).toBe('a,1,,"x,y"\r\n');
    expect(csvLine(['a', 0.5, 'x,y'], ';')).toBe('a;0.5;x,y\r\n');
    expect(csvLine([], ',')).toBe('\r\n');
  });
});
