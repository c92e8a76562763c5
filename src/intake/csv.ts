import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Options } from 'csv-parse';

/**
 * CSV reading for the lead import, on `csv-parse`: comma or semicolon separated fields (detected
 * from the header line, or given), optional double quotes with `""` for a quote inside a quoted
 * field, line breaks and separators inside quoted fields, CRLF, LF or CR line ends (the header
 * line's, for the whole file), a UTF-8 BOM skipped. Records are read from a string or a stream of chunks and yielded as they
 * are parsed, so a large file is never held in memory. Each record carries the 1-based line
 * number where it starts, so import reports point at the right line even when an earlier field
 * spans several lines. Blank lines are skipped (and counted).
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvDelimiter = ',' | ';';

export interface CsvOptions {
  /** The field separator; detected from the header line when not given. */
  delimiter?: CsvDelimiter | null;
}

/** A record longer than this (a quote left open swallows the rest of the file) is a syntax error. */
export const MAX_CSV_RECORD_CHARS = 256 * 1024;

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Accepted names of a separator (query parameter, CLI option). */
export function parseDelimiter(value: string): CsvDelimiter | null {
  const v = value.trim().toLowerCase();
  if (v === ',' || v === 'comma') return ',';
  if (v === ';' || v === 'semicolon') return ';';
  return null;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;

/**
 * The separator of a header line (bytes up to its first line break outside quotes): a semicolon
 * when it has more semicolons than commas outside quotes, else a comma (a one-column file too).
 */
export function detectDelimiter(head: Uint8Array): CsvDelimiter {
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const b of head) {
    if (b === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (b === CR || b === LF) break;
    else if (b === COMMA) commas++;
    else if (b === SEMICOLON) semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

const toBuffer = (chunk: Buffer | Uint8Array | string) => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));

/** The messages of the syntax errors an import reports (the wording of the earlier hand-written parser). */
function syntaxMessage(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote in an unquoted field; quote the whole field and write the quote as ""';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'unexpected character after a closing quote (a quote inside a quoted field is written "")';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record longer than ${MAX_CSV_RECORD_CHARS} characters (is a quote left open?)`;
    default:
      return err.message;
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Reads CSV records from `source` (a string, or chunks: an HTTP request, a file stream) as they
 * are parsed. Throws CsvSyntaxError with the line where the faulty record starts; errors of the
 * source itself are thrown as they are.
 */
export async function* readCsv(source: string | AsyncIterable<Buffer | Uint8Array | string>, opts: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const input: AsyncIterator<Buffer | Uint8Array | string> =
    typeof source === 'string'
      ? (async function* () {
          yield source;
        })()
      : source[Symbol.asyncIterator]();
  // The chunks up to the header line's end first: its separator (unless given) and line end.
  const head: Buffer[] = [];
  let headBytes = 0;
  let quoted = false;
  let lineEnd: '\r\n' | '\n' | '\r' | null = null;
  let pendingCr = false; // a CR ended the last chunk: CRLF or CR depends on the next byte
  let ended = false;
  while (lineEnd === null && headBytes <= MAX_CSV_RECORD_CHARS) {
    const next = await input.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    headBytes += chunk.length;
    for (let i = 0; i < chunk.length && lineEnd === null; i++) {
      const b = chunk[i];
      if (pendingCr) lineEnd = b === LF ? '\r\n' : '\r';
      else if (b === QUOTE) quoted = !quoted;
      else if (!quoted && b === LF) lineEnd = '\n';
      else if (!quoted && b === CR) pendingCr = true;
    }
  }
  if (lineEnd === null) lineEnd = pendingCr ? '\r' : '\n';
  const delimiter = opts.delimiter ?? detectDelimiter(Buffer.concat(head));
  async function* chunks() {
    yield* head;
    if (!ended) for (let next = await input.next(); !next.done; next = await input.next()) yield toBuffer(next.value);
  }

  let line = 1;
  const options: Options<CsvRecord, string[]> = {
    bom: true,
    delimiter,
    // One line end, the header line's: csv-parse is several times slower given a list of them.
    record_delimiter: lineEnd,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS,
    // Called as each record is parsed (blank lines too, as ['']), so `line` is always where the
    // next record, or the syntax error, starts; quoted fields add their own line breaks.
    on_record: (fields: string[]): CsvRecord | null => {
      const record = { line, fields };
      line++;
      for (const f of fields) line += f.match(LINE_BREAK)?.length ?? 0;
      return fields.length === 1 && fields[0] === '' ? null : record;
    },
  };
  // parse() is typed for records left as arrays; on_record turns them into CsvRecord.
  const parser = parse(options as unknown as Options);
  const feeding = pipeline(Readable.from(chunks(), { objectMode: false }), parser);
  feeding.catch(() => undefined); // its error also ends the iteration below
  try {
    for await (const record of parser) yield record as CsvRecord;
    await feeding;
  } catch (err) {
    if (err instanceof CsvError) throw new CsvSyntaxError(line, syntaxMessage(err));
    throw err;
  } finally {
    parser.destroy();
  }
}

/** All records of a string (tests, small inputs). */
export async function parseCsv(text: string, opts: CsvOptions = {}): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const r of readCsv(text, opts)) records.push(r);
  return records;
}

/** Quotes a field when needed (for writing CSV in tests and exports). */
export function csvField(value: string, delimiter: CsvDelimiter = ','): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
