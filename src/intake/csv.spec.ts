import { describe, expect, it } from '@jest/globals';
import { csvField, detectDelimiter, MAX_CSV_RECORD_CHARS, parseCsv, parseDelimiter, readCsv, type CsvRecord } from './csv.js';

/** The text as a stream of chunks of `size` bytes (splitting CRLF pairs and UTF-8 characters). */
async function* chunked(text: string, size: number) {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(source: AsyncIterable<Buffer>, opts = {}): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsv(source, opts)) out.push(r);
  return out;
}

describe('parseCsv', () => {
  it('splits plain fields and lines (LF, CRLF or CR, as the header line ends)', async () => {
    const rows = [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '', '6'] },
    ];
    expect(await parseCsv('a,b,c\n1,2,3\n4,,6')).toEqual(rows);
    expect(await parseCsv('a,b,c\r\n1,2,3\r\n4,,6\r\n')).toEqual(rows);
    expect(await parseCsv('a,b,c\r1,2,3\r4,,6\r')).toEqual(rows);
    // A line break inside a quoted header field is not the header's line end.
    expect(await parseCsv('"a\nx",b\r\n1,2\r\n')).toEqual([
      { line: 1, fields: ['a\nx', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('handles quotes, escaped quotes, commas and embedded newlines, keeping start lines', async () => {
    const text = 'name,comment\r\n"Li, Anna","said ""hi""\r\nthen left"\r\n"Bo",x\r\n';
    expect(await parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'comment'] },
      { line: 2, fields: ['Li, Anna', 'said "hi"\r\nthen left'] },
      { line: 4, fields: ['Bo', 'x'] },
    ]);
  });

  it('keeps empty quoted fields, trailing empty fields, and skips blank lines and a BOM', async () => {
    expect(await parseCsv('\ufeffa,""\n\n\nb,\n')).toEqual([
      { line: 1, fields: ['a', ''] },
      { line: 4, fields: ['b', ''] },
    ]);
    expect(await parseCsv('')).toEqual([]);
    expect(await parseCsv('\ufeff')).toEqual([]);
    expect(await parseCsv('"a\nb\nc",d\ne')).toEqual([
      { line: 1, fields: ['a\nb\nc', 'd'] },
      { line: 4, fields: ['e'] },
    ]);
    // A BOM before a quoted first field.
    expect(await parseCsv('\ufeff"name",phone\r\n"Ann",1\r\n')).toEqual([
      { line: 1, fields: ['name', 'phone'] },
      { line: 2, fields: ['Ann', '1'] },
    ]);
  });

  it('detects a semicolon separator from the header line (spreadsheets in Russian and other locales)', async () => {
    const text = '\ufeffname;phone;note\r\n"Иванов; Иван";8 903 111-22-33;"1,5 часа\r\nвечером"\r\nПётр;;a,b\r\n';
    expect(await parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'phone', 'note'] },
      { line: 2, fields: ['Иванов; Иван', '8 903 111-22-33', '1,5 часа\r\nвечером'] },
      { line: 4, fields: ['Пётр', '', 'a,b'] },
    ]);
    // Separators inside quotes do not count; a tie or a single column means comma.
    expect(detectDelimiter(Buffer.from('"a;b;c",d\n'))).toBe(',');
    expect(detectDelimiter(Buffer.from('"a,b,c";d;e\n1,2,3,4,5'))).toBe(';');
    expect(detectDelimiter(Buffer.from('name\nx;y;z'))).toBe(',');
    expect(detectDelimiter(Buffer.from('a,b;c'))).toBe(',');
  });

  it('uses a given separator instead of detecting it', async () => {
    expect(await parseCsv('a;b,c\n1;2,3', { delimiter: ',' })).toEqual([
      { line: 1, fields: ['a;b', 'c'] },
      { line: 2, fields: ['1;2', '3'] },
    ]);
    expect(await parseCsv('a,b\n1,2;3', { delimiter: ';' })).toEqual([
      { line: 1, fields: ['a,b'] },
      { line: 2, fields: ['1,2', '3'] },
    ]);
    expect(parseDelimiter('semicolon')).toBe(';');
    expect(parseDelimiter(';')).toBe(';');
    expect(parseDelimiter('Comma')).toBe(',');
    expect(parseDelimiter('tab')).toBeNull();
  });

  it('rejects malformed quoting with the line where the faulty record starts', async () => {
    await expect(parseCsv('a\n"open,b\nc')).rejects.toThrow('line 2: a quoted field is never closed');
    await expect(parseCsv('a\r\n\r\n"x\r\ny",z\r\n"open,b\r\nc\r\nd')).rejects.toThrow('line 5: a quoted field is never closed');
    await expect(parseCsv('a\nb"c,d')).rejects.toThrow('line 2: a quote in an unquoted field');
    await expect(parseCsv('"a"b,c')).rejects.toThrow('line 1: unexpected character after a closing quote');
    await expect(parseCsv('h;h\n"x\ny";1\n2;"a"b')).rejects.toThrow('line 4: unexpected character after a closing quote');
    await expect(parseCsv('h\n"' + 'x'.repeat(MAX_CSV_RECORD_CHARS + 10))).rejects.toThrow(`line 2: a record longer than ${MAX_CSV_RECORD_CHARS} characters`);
  });

  it('reads a stream in any chunking: CRLF and UTF-8 characters split across chunks, the header line too', async () => {
    const text = '\ufeffname;comment;n\r\n"Li; Anna";"сказала ""привет""\r\nи ушла";1\r\n\r\nБо;x;2\r\n';
    const whole = await parseCsv(text);
    expect(whole).toEqual([
      { line: 1, fields: ['name', 'comment', 'n'] },
      { line: 2, fields: ['Li; Anna', 'сказала "привет"\r\nи ушла', '1'] },
      { line: 5, fields: ['Бо', 'x', '2'] },
    ]);
    for (const size of [1, 2, 3, 7, 64]) expect(await collect(chunked(text, size))).toEqual(whole);
    await expect(collect(chunked('a\n"open,b\nc', 1))).rejects.toThrow('line 2: a quoted field is never closed');
  });

  it('passes errors of the source through', async () => {
    async function* failing() {
      yield Buffer.from('name\nAnn\n');
      throw new Error('connection reset');
    }
    await expect(collect(failing())).rejects.toThrow('connection reset');
  });

  it('round-trips through csvField with either separator', async () => {
    const values = ['plain', 'with,comma', 'with;semicolon', 'with "quote"', 'multi\nline', ''];
    expect((await parseCsv(values.map((v) => csvField(v)).join(',')))[0].fields).toEqual(values);
    expect((await parseCsv(values.map((v) => csvField(v, ';')).join(';'), { delimiter: ';' }))[0].fields).toEqual(values);
  });
});
