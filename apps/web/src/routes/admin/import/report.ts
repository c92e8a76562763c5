/** The report of `POST /intake/import` (docs/intake.md, "CSV import"). */
export interface ImportReport {
  rows: number;
  imported: number;
  duplicates: number;
  leadsCreated: number | null;
  leadsUpdated: number | null;
  assigned: number | null;
  errors: { line: number; reason: string }[];
}

export type Delimiter = 'auto' | 'comma' | 'semicolon';

/** The import's address: the survey, whether it is a dry run, the separator (left out = detect). */
export function importUrl(surveyId: string, dryRun: boolean, delimiter: Delimiter): string {
  const q = new URLSearchParams({ surveyId });
  if (dryRun) q.set('dryRun', 'true');
  if (delimiter !== 'auto') q.set('delimiter', delimiter);
  return `/intake/import?${q.toString()}`;
}

/** One problem of a line: the field it names (a column or question key), or null for the whole line. */
export interface LineProblem {
  field: string | null;
  message: string;
}

// A reason is "field: message" parts joined by "; " (src/intake/import.service.ts); a message
// itself may hold "; " (the unknown-columns refusal), so only split before another "field: ".
const FIELD_PART = /^([A-Za-z_][\w.[\]-]*): ([\s\S]*)$/;

/** The problems of one line of the report, each with the field it names. */
export function splitReason(reason: string): LineProblem[] {
  const parts = reason.split(/; (?=[A-Za-z_][\w.[\]-]*: )/);
  return parts.map((p) => {
    const m = FIELD_PART.exec(p);
    return m ? { field: m[1]!, message: m[2]! } : { field: null, message: p };
  });
}

/** The report's lines as table rows: one row per problem, in file order. */
export function reportRows(report: Pick<ImportReport, 'errors'>): { line: number; field: string | null; message: string }[] {
  return [...report.errors].sort((a, b) => a.line - b.line).flatMap((e) => splitReason(e.reason).map((p) => ({ line: e.line, ...p })));
}

/** Progress of an upload as a whole percentage (0–100), or null when the size is unknown. */
export function percentOf(loaded: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.max(0, Math.min(100, Math.round((loaded / total) * 100)));
}

/** What the server answered, read from its status and JSON body. */
export type ImportOutcome =
  { ok: true; report: ImportReport } | { ok: false; status: number; code: string; message: string; fields: { field: string; message: string }[] };

export function readImportResponse(status: number, body: unknown): ImportOutcome {
  const b = (body ?? {}) as { error?: { code?: string; message?: string; fields?: { field: string; message: string }[] } } & Partial<ImportReport>;
  if (status === 200 && Array.isArray(b.errors) && typeof b.rows === 'number') return { ok: true, report: b as ImportReport };
  const err = b.error ?? {};
  const code = status === 413 ? 'TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : (err.code ?? (status === 0 ? 'NETWORK' : 'INTERNAL'));
  return { ok: false, status, code, message: err.message ?? '', fields: Array.isArray(err.fields) ? err.fields : [] };
}
