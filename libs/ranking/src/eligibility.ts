import { RankingInputError } from './bands.js';
import { INELIGIBLE } from './rank.js';

/** Reason code: the entity's sample (denominator) is below the minimum. */
export const BELOW_MIN_SAMPLE = 'BELOW_MIN_SAMPLE';

export interface EligibilityRule {
  /** Minimum denominator (leads, students...) to be ranked. Omitted → no sample-size rule. */
  minDenominator?: number;
  /** Unit named in the readable message, default 'leads'. */
  unit?: string;
}

export interface EligibilityDecision {
  eligible: boolean;
  /** Stable machine code (e.g. 'BELOW_MIN_SAMPLE'); null when eligible. */
  reasonCode: string | null;
  /** `${reasonCode}: ${readable message}` (e.g. 'BELOW_MIN_SAMPLE: 12 of 20 leads'); null when eligible. */
  reason: string | null;
}

export interface EligibilityCandidate {
  eligible?: boolean;
  unrankedReason?: string;
  denominator?: number;
}

function validateRule(rule: EligibilityRule): void {
  if (rule.minDenominator !== undefined && (!Number.isFinite(rule.minDenominator) || rule.minDenominator < 0)) {
    throw new RankingInputError(`minDenominator must be a finite number >= 0, got ${String(rule.minDenominator)}`);
  }
}

/**
 * Decides one entity's eligibility. An entity already marked `eligible: false` keeps that
 * (code = the part of its unrankedReason before ':' or 'INELIGIBLE'); otherwise, with a
 * minDenominator, a missing or smaller denominator gives BELOW_MIN_SAMPLE.
 * A null value is not checked here: rankEntities reports it as NO_VALUE.
 */
export function checkEligibility(entity: EligibilityCandidate, rule: EligibilityRule = {}): EligibilityDecision {
  validateRule(rule);
  if (entity.eligible === false) {
    const reason = entity.unrankedReason ?? INELIGIBLE;
    const colon = reason.indexOf(':');
    return { eligible: false, reasonCode: colon >= 0 ? reason.slice(0, colon) : reason, reason };
  }
  if (rule.minDenominator !== undefined) {
    const den = entity.denominator ?? 0;
    if (!(den >= rule.minDenominator)) {
      const shown = Number.isFinite(den) ? den : 0;
      return {
        eligible: false,
        reasonCode: BELOW_MIN_SAMPLE,
        reason: `${BELOW_MIN_SAMPLE}: ${shown} of ${rule.minDenominator} ${rule.unit ?? 'leads'}`,
      };
    }
  }
  return { eligible: true, reasonCode: null, reason: null };
}

/**
 * Returns copies of the entities with `eligible`, `unrankedReason` (= reason; undefined when eligible)
 * and `reasonCode` set, ready for rankEntities. Input order is preserved; inputs are not mutated.
 */
export function applyEligibility<E extends EligibilityCandidate>(
  entities: readonly E[],
  rule: EligibilityRule = {},
): (Omit<E, 'eligible' | 'unrankedReason'> & { eligible: boolean; unrankedReason?: string; reasonCode: string | null })[] {
  validateRule(rule);
  return entities.map((e) => {
    const d = checkEligibility(e, rule);
    return d.eligible
      ? { ...e, eligible: true, unrankedReason: undefined, reasonCode: null }
      : { ...e, eligible: false, unrankedReason: d.reason ?? INELIGIBLE, reasonCode: d.reasonCode };
  });
}
