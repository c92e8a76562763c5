/**
 * CSV cells and lines for exports (RFC 4180 quoting), safe to open in spreadsheet programs:
 * - a cell is quoted when it holds the separator, a double quote, CR or LF; quotes are doubled;
 * - formula injection: a text cell starting with =, +, -, @, TAB or CR gets a leading `'`, so a
 *   lead named "=HYPERLINK(...)" is shown as text, never run. Numbers are written as numbers
 *   (a negative amount stays -150, not '-150);
 * - null and undefined are empty cells; booleans are true/false; Dates are ISO 8601 (UTC).
 * Lines end with CRLF. The file starts with a UTF-8 BOM (CSV_BOM) so Excel reads ru/zh/vi text.
 */
export type CsvSeparator = ',' | ';';
export type CsvValue = string | number | boolean | Date | null | undefined;

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue, sep: CsvSeparator): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return text.includes(sep) || text.includes('"') || text.includes('\n') || text.includes('\r') ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[], sep: CsvSeparator): string {
  return `${values.map((v) => csvCell(v, sep)).join(sep)}\r\n`;
}
