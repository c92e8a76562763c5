import { getAnswer, isBlankAnswer, parseBooleanValue, parseNumberValue } from './answers.js';
import type { AnswersByKey, Condition } from './types.js';

/**
 * Does one answer satisfy the condition? The condition's shape decides how the answer is read:
 * - `optionKeys`: the answer chose ANY of these options;
 * - `min`/`max`: the answer's number (a number or numeric string) satisfies `min <= v < max`
 *   (min inclusive, max exclusive; either end may be omitted);
 * - `equals`: the answer's boolean (true/false or 'yes'/'no'/'true'/'false') equals it.
 * A blank or missing answer never matches, nor does a condition with none of these tests.
 * Definitions should be checked with `validateDefinition`, which enforces one shape per question type.
 */
export function matchesCondition(condition: Condition, answersByKey: AnswersByKey): boolean {
  const answer = getAnswer(answersByKey, condition.questionKey);
  if (answer === undefined || isBlankAnswer(answer)) return false;

  if (condition.optionKeys !== undefined) {
    const chosen = Array.isArray(answer.optionKeys) ? answer.optionKeys : [];
    return condition.optionKeys.some((k) => chosen.includes(k));
  }
  if (condition.min !== undefined || condition.max !== undefined) {
    const v = parseNumberValue(answer.value);
    if (v === undefined) return false;
    if (condition.min !== undefined && !(v >= condition.min)) return false;
    if (condition.max !== undefined && !(v < condition.max)) return false;
    return true;
  }
  if (condition.equals !== undefined) {
    const b = parseBooleanValue(answer.value);
    return b !== undefined && b === condition.equals;
  }
  return false;
}

/** True when every condition matches (an empty list matches). */
export function matchesAll(conditions: readonly Condition[], answersByKey: AnswersByKey): boolean {
  return conditions.every((c) => matchesCondition(c, answersByKey));
}

/** Human-readable form, e.g. `goal in {career_change, promotion}`, `hours in [2, 5)`, `ready = yes`. */
export function describeCondition(condition: Condition): string {
  const key = condition.questionKey;
  if (condition.optionKeys !== undefined) return `${key} in {${condition.optionKeys.join(', ')}}`;
  if (condition.min !== undefined || condition.max !== undefined) {
    return `${key} in ${formatRange(condition.min, condition.max)}`;
  }
  if (condition.equals !== undefined) return `${key} = ${condition.equals ? 'yes' : 'no'}`;
  return `${key} (no test)`;
}

/** `[2, 5)`, `(-∞, 2)`, `[10, ∞)` — min inclusive, max exclusive. */
export function formatRange(min: number | null | undefined, max: number | null | undefined): string {
  const lo = min === undefined || min === null ? '(-∞' : `[${min}`;
  const hi = max === undefined || max === null ? '∞)' : `${max})`;
  return `${lo}, ${hi}`;
}
