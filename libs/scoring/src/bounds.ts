import { addDecimal, compareDecimal, decimalToHundredths, fromHundredths, mulDecimal, toDecimal, toHundredths, ZERO, type Decimal } from './decimal.js';
import { DEFAULT_WEIGHT, type GroupCap, type QuestionDef, type SurveyDefinition } from './types.js';

/**
 * Score bounds.
 *
 * `maxAchievableScore` is an upper bound: the best option/band/yes-no per question (or 0 when an
 * optional question is skipped) × weight, each group clamped by its cap, plus every positive rule.
 * `minAchievableScore` is the mirror lower bound (worst answers, every negative rule).
 * Rules are counted without checking whether their conditions can hold together, so the bounds are
 * safe rather than tight: a tier above the max can never be reached, and a tier at or below the min
 * is reached by every lead. Both expect a definition whose questions, caps and rule points are
 * valid (see `validateDefinition`).
 */
export function maxAchievableScore(def: SurveyDefinition): number {
  return fromHundredths(achievableHundredths(def, 'max'));
}

/** Lower bound of the score; see {@link maxAchievableScore}. */
export function minAchievableScore(def: SurveyDefinition): number {
  return fromHundredths(achievableHundredths(def, 'min'));
}

type Side = 'max' | 'min';

export function achievableHundredths(def: SurveyDefinition, side: Side): number {
  const caps = capsByGroup(def.groupCaps ?? []);
  const groupSums = new Map<string, number>();
  let total = 0;
  for (const q of def.questions) {
    const raw = rawExtreme(q, side);
    const weighted = decimalToHundredths(mulDecimal(raw, toDecimal(q.weight ?? DEFAULT_WEIGHT)));
    if (q.group !== undefined && caps.has(q.group)) {
      groupSums.set(q.group, (groupSums.get(q.group) ?? 0) + weighted);
    } else {
      total += weighted;
    }
  }
  // Clamping is monotone, so the clamped extreme of a group is the clamp of its extreme.
  for (const [group, sum] of groupSums) total += clampToCap(sum, caps.get(group)!).after;
  for (const rule of def.rules ?? []) {
    const p = toHundredths(rule.points);
    if (side === 'max' ? p > 0 : p < 0) total += p;
  }
  return total;
}

/** First cap per group (validation rejects duplicates). */
export function capsByGroup(caps: readonly GroupCap[]): Map<string, GroupCap> {
  const map = new Map<string, GroupCap>();
  for (const cap of caps) if (!map.has(cap.group)) map.set(cap.group, cap);
  return map;
}

/** Clamp a group's sum (hundredths) to its cap. */
export function clampToCap(sum: number, cap: GroupCap): { after: number; limit?: 'maxPoints' | 'minPoints' } {
  const max = toHundredths(cap.maxPoints);
  if (sum > max) return { after: max, limit: 'maxPoints' };
  if (cap.minPoints !== undefined) {
    const min = toHundredths(cap.minPoints);
    if (sum < min) return { after: min, limit: 'minPoints' };
  }
  return { after: sum };
}

function pick(values: Decimal[], side: Side): Decimal {
  if (values.length === 0) return ZERO;
  return values.reduce((best, v) => {
    const c = compareDecimal(v, best);
    return (side === 'max' ? c > 0 : c < 0) ? v : best;
  });
}

/** Best (or worst) unweighted points one question can give. */
function rawExtreme(q: QuestionDef, side: Side): Decimal {
  const skip: Decimal[] = q.required ? [] : [ZERO];
  switch (q.type) {
    case 'SINGLE_CHOICE':
      return pick([...(q.options ?? []).map((o) => toDecimal(o.points)), ...skip], side);
    case 'MULTIPLE_CHOICE': {
      const pts = (q.options ?? []).map((o) => toDecimal(o.points));
      const sign = side === 'max' ? 1 : -1;
      // Choosing every option on the favourable side is best, as long as at least one option can
      // be chosen when the question is required.
      const favourable = pts.filter((p) => compareDecimal(p, ZERO) * sign > 0);
      const canBeNeutral = !q.required || pts.some((p) => compareDecimal(p, ZERO) * sign >= 0);
      if (favourable.length > 0 || canBeNeutral) return favourable.reduce(addDecimal, ZERO);
      return pick(pts, side);
    }
    case 'NUMBER':
      return pick([...(q.bands ?? []).map((b) => toDecimal(b.points)), ...skip], side);
    case 'YES_NO':
      return pick([toDecimal(q.yesPoints ?? 0), toDecimal(q.noPoints ?? 0), ...skip], side);
    default:
      return ZERO;
  }
}
