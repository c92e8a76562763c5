import { isBlankAnswer, parseBooleanValue, parseNumberValue } from './answers.js';
import { formatRange } from './conditions.js';
import { MAX_FREE_TEXT_LENGTH, type Answer, type AnswerIssue, type BandDef, type QuestionDef, type SurveyDefinition } from './types.js';

/**
 * Checks a respondent's answers against a (valid) definition; returns every problem found.
 *
 * Accepted values:
 * - SINGLE_CHOICE: `optionKeys` with exactly one known key; MULTIPLE_CHOICE: one or more distinct known keys;
 * - NUMBER: `value` a finite number or a numeric string (" 7.5 "), which must fall in one band;
 * - YES_NO: `value` true/false or, case-insensitively, 'yes'/'no'/'true'/'false';
 * - FREE_TEXT: `value` a string of at most 2000 Unicode code points.
 * An answer with no option and a null/undefined/blank value counts as not answered, which is fine
 * for optional questions and an issue for required ones.
 */
export function validateAnswers(def: SurveyDefinition, answers: readonly Answer[]): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const add = (questionKey: string, message: string) => issues.push({ questionKey, message });
  const questions = new Map<string, QuestionDef>((def.questions ?? []).map((q) => [q.key, q]));
  if (!Array.isArray(answers)) return [{ questionKey: '', message: 'answers must be an array' }];

  const seen = new Set<string>();
  const answered = new Set<string>();
  answers.forEach((a, i) => {
    if (a === null || typeof a !== 'object' || typeof a.questionKey !== 'string') {
      add('', `answers[${i}] has no questionKey`);
      return;
    }
    const key = a.questionKey;
    const q = questions.get(key);
    if (!q) {
      add(key, `unknown question '${key}'; this survey has no such question`);
      return;
    }
    if (seen.has(key)) {
      add(key, `question '${key}' is answered more than once; send one answer per question`);
      return;
    }
    seen.add(key);
    if (a.optionKeys !== undefined && !(Array.isArray(a.optionKeys) && a.optionKeys.every((k: unknown) => typeof k === 'string'))) {
      add(key, 'optionKeys must be an array of option keys');
      return;
    }
    if (isBlankAnswer(a)) return;
    answered.add(key);
    checkAnswer(q, a, (message) => add(key, message));
  });

  for (const q of questions.values()) {
    if (q.required && !answered.has(q.key) && !issuesFor(issues, q.key)) {
      add(q.key, `required question '${q.key}' has no answer`);
    }
  }
  return issues;
}

function issuesFor(issues: AnswerIssue[], key: string): boolean {
  return issues.some((i) => i.questionKey === key);
}

function checkAnswer(q: QuestionDef, a: Answer, add: (message: string) => void): void {
  const optionKeys = a.optionKeys ?? [];
  const hasValue = a.value !== undefined && a.value !== null && !(typeof a.value === 'string' && a.value.trim() === '');

  if (q.type === 'SINGLE_CHOICE' || q.type === 'MULTIPLE_CHOICE') {
    if (hasValue) add(`${q.type} answers use optionKeys, not value (got ${show(a.value)})`);
    const known = (q.options ?? []).map((o) => o.key);
    for (const k of optionKeys) {
      if (!known.includes(k)) add(`unknown option '${k}' for question '${q.key}'; options are: ${known.join(', ')}`);
    }
    if (q.type === 'SINGLE_CHOICE' && optionKeys.length > 1) {
      add(`question '${q.key}' takes a single option but ${optionKeys.length} were chosen (${optionKeys.join(', ')})`);
    }
    const dupes = optionKeys.filter((k, i) => optionKeys.indexOf(k) !== i);
    if (dupes.length > 0) add(`option '${dupes[0]}' is chosen more than once`);
    return;
  }

  if (optionKeys.length > 0) {
    add(`${q.type} answers use value, not optionKeys (got ${optionKeys.join(', ')})`);
    return;
  }

  switch (q.type) {
    case 'NUMBER': {
      const v = parseNumberValue(a.value);
      if (v === undefined) {
        add(`question '${q.key}' needs a finite number, got ${show(a.value)}`);
      } else if (findBand(q, v) === undefined) {
        const ranges = (q.bands ?? []).map((b) => formatRange(b.min, b.max)).join(', ');
        add(`${v} falls in no band of question '${q.key}' (bands: ${ranges})`);
      }
      return;
    }
    case 'YES_NO':
      if (parseBooleanValue(a.value) === undefined) {
        add(`question '${q.key}' needs yes/no (true, false, 'yes', 'no', 'true' or 'false'), got ${show(a.value)}`);
      }
      return;
    case 'FREE_TEXT': {
      if (typeof a.value !== 'string') {
        add(`question '${q.key}' needs text, got ${show(a.value)}`);
        return;
      }
      const length = [...a.value].length;
      if (length > MAX_FREE_TEXT_LENGTH) {
        add(`answer to '${q.key}' is ${length} characters long; the limit is ${MAX_FREE_TEXT_LENGTH}`);
      }
      return;
    }
  }
}

/** Strings quoted, everything else as printed (NaN stays NaN, unlike JSON). */
function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The band containing `v` (min <= v < max), if any. */
export function findBand(q: QuestionDef, v: number): BandDef | undefined {
  return (q.bands ?? []).find((b) => (b.min === undefined || b.min === null || v >= b.min) && (b.max === undefined || b.max === null || v < b.max));
}
