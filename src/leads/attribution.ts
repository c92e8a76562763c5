/**
 * Campaign attribution (UTM-style) of a lead: campaign, source, medium, content. Values are
 * normalized so that "Spring Sale", " spring  sale " and "SPRING SALE" are one campaign in unit
 * economics: Unicode NFC, trimmed, lower-case, every run of whitespace collapsed to one space;
 * blank = none. At most ATTRIBUTION_MAX_LENGTH characters after normalization; control
 * characters are refused.
 */
export const ATTRIBUTION_MAX_LENGTH = 120;

export const ATTRIBUTION_FIELDS = ['campaign', 'source', 'medium', 'content'] as const;
export type AttributionField = (typeof ATTRIBUTION_FIELDS)[number];
export type Attribution = Record<AttributionField, string | null>;

export type AttributionResult = { ok: true; value: string | null } | { ok: false; message: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function normalizeAttributionValue(raw: string | null | undefined): AttributionResult {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw !== 'string') return { ok: false, message: 'must be a string' };
  if (raw.length > ATTRIBUTION_MAX_LENGTH * 4) return { ok: false, message: `is longer than ${ATTRIBUTION_MAX_LENGTH} characters` };
  if (CONTROL.test(raw)) return { ok: false, message: 'contains control characters' };
  const value = raw.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (value === '') return { ok: true, value: null };
  if ([...value].length > ATTRIBUTION_MAX_LENGTH) return { ok: false, message: `is longer than ${ATTRIBUTION_MAX_LENGTH} characters` };
  return { ok: true, value };
}

/** Normalizes the four fields; problems carry the field name. */
export function normalizeAttribution(raw: Partial<Record<AttributionField, string | null | undefined>> | null | undefined): {
  value: Attribution;
  problems: { field: AttributionField; message: string }[];
} {
  const value: Attribution = { campaign: null, source: null, medium: null, content: null };
  const problems: { field: AttributionField; message: string }[] = [];
  for (const f of ATTRIBUTION_FIELDS) {
    const r = normalizeAttributionValue(raw?.[f]);
    if (r.ok) value[f] = r.value;
    else problems.push({ field: f, message: r.message });
  }
  return { value, problems };
}

export const hasAttribution = (a: Attribution): boolean => ATTRIBUTION_FIELDS.some((f) => a[f] !== null);
