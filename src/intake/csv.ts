/**
 * A small RFC 4180 CSV parser: comma-separated fields, optional double quotes, `""` for a quote
 * inside a quoted field, CRLF or LF line ends, line breaks inside quoted fields. A UTF-8 BOM is
 * skipped. Each record carries the 1-based line number where it starts, so import reports can
 * point at the right line even when an earlier field spans several lines. Blank lines are skipped.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let atFieldStart = true;
    let quoted = false;
    let endOfRecord = false;
    while (i < n && !endOfRecord) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
            const next = text[i];
            if (i < n && next !== ',' && next !== '\n' && next !== '\r') {
              throw new CsvSyntaxError(line, 'unexpected character after a closing quote (a quote inside a quoted field is written "")');
            }
          }
        } else {
          if (c === '\n') line++;
          else if (c === '\r' && text[i + 1] !== '\n') line++;
          field += c;
          i++;
        }
        continue;
      }
      if (c === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
        i++;
      } else if (c === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
      } else if (c === '\r' || c === '\n') {
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      } else if (c === '"') {
        throw new CsvSyntaxError(line, 'a quote in an unquoted field; quote the whole field and write the quote as ""');
      } else {
        field += c;
        atFieldStart = false;
        i++;
      }
    }
    if (quoted) throw new CsvSyntaxError(start, 'a quoted field is never closed');
    fields.push(field);
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    records.push({ line: start, fields });
  }
  return records;
}

/** Quotes a field when needed (for writing CSV in tests and exports). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
