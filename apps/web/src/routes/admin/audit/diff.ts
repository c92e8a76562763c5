/** One line of a change's readable diff. */
export interface DiffRow {
  field: string;
  kind: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
}

/** The change as the API records it: values are JSON text, null when absent. */
export interface RawChange {
  field: string;
  before?: string | null;
  after?: string | null;
}

function parse(json: string | null | undefined): unknown {
  if (json == null) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON value as a person reads it: text without quotes, lists joined, objects as `key: value`. */
export function readableValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => (isPlainObject(v) || Array.isArray(v) ? JSON.stringify(v) : (readableValue(v) ?? '—'))).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${isPlainObject(v) || Array.isArray(v) ? JSON.stringify(v) : (readableValue(v) ?? '—')}`)
    .join('; ');
}

/**
 * The field-by-field diff of one audit event: a value absent before is `added`, absent after
 * `removed`, else `changed`. When both sides are objects the diff goes one level down
 * (`definition.tiers`), listing only the keys whose values differ; equal values are dropped.
 */
export function diffRows(changes: readonly RawChange[]): DiffRow[] {
  const out: DiffRow[] = [];
  const push = (field: string, before: unknown, after: unknown) => {
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const b = readableValue(before);
    const a = readableValue(after);
    out.push({ field, kind: b === null ? 'added' : a === null ? 'removed' : 'changed', before: b, after: a });
  };
  for (const c of changes) {
    const before = parse(c.before);
    const after = parse(c.after);
    if (isPlainObject(before) && isPlainObject(after)) {
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
      for (const k of keys) push(`${c.field}.${k}`, before[k], after[k]);
    } else push(c.field, before, after);
  }
  return out;
}
