import type { Answer, AnswersByKey } from './types.js';

const NUMERIC_RE = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const TRUE_WORDS = new Set(['yes', 'true']);
const FALSE_WORDS = new Set(['no', 'false']);

/**
 * NUMBER answer value: a finite number, or a string holding a plain decimal number
 * (surrounding spaces allowed, e.g. " 7.5 "). Anything else → undefined.
 */
export function parseNumberValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const s = value.trim();
    if (!NUMERIC_RE.test(s)) return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * YES_NO answer value: `true`/`false`, or (case-insensitive, trimmed) the strings
 * 'yes'/'no'/'true'/'false'. Anything else → undefined.
 */
export function parseBooleanValue(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (TRUE_WORDS.has(s)) return true;
    if (FALSE_WORDS.has(s)) return false;
  }
  return undefined;
}

/** True when the answer has no option and a null/undefined/blank-string value ("not answered"). */
export function isBlankAnswer(answer: Answer | undefined): boolean {
  if (answer === undefined || answer === null) return true;
  const hasOptions = Array.isArray(answer.optionKeys) && answer.optionKeys.length > 0;
  if (hasOptions) return false;
  const v = answer.value;
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Indexes answers by question key (the last answer wins; validation rejects duplicates). */
export function indexAnswers(answers: readonly Answer[]): Map<string, Answer> {
  const map = new Map<string, Answer>();
  for (const a of answers) map.set(a.questionKey, a);
  return map;
}

export function getAnswer(answers: AnswersByKey, key: string): Answer | undefined {
  if (answers instanceof Map) return answers.get(key);
  const record = answers as Readonly<Record<string, Answer | undefined>>;
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
