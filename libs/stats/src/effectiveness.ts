import { wilsonInterval } from './proportions.js';
import { assertConversions } from './validation.js';

/** Below this many leads an answer's rate is flagged `smallSample` (shown, never hidden). */
export const SMALL_SAMPLE_LEADS = 20;

/** One option (e.g. a prepared answer) within a group (e.g. its objection): leads it was used on, and how many converted. */
export interface OutcomeCounts {
  group: string;
  leads: number;
  converted: number;
}

export interface RankedOutcome {
  /** converted / leads; null without leads. */
  rate: number | null;
  /** 95 % Wilson score interval of the rate ([0, 1] without leads). */
  low: number;
  high: number;
  /** Fewer than `smallSampleBelow` leads. */
  smallSample: boolean;
  /** 1 = best within its group; equal (low, rate) share a rank ("1224"); null without leads. */
  rank: number | null;
}

/**
 * Ranks options within each group by the lower bound of the 95 % Wilson interval of their
 * conversion rate (a small sample with a lucky rate does not outrank a large steady one), then by
 * rate; options with equal lower bound and rate share a rank (competition ranking: 1, 2, 2, 4).
 * Options without leads get no rank. Output: input order of the groups' first appearance, then
 * rank (unranked last, in input order).
 */
export function rankOutcomes<T extends OutcomeCounts>(
  rows: readonly T[],
  opts: { confidence?: number; smallSampleBelow?: number } = {},
): (T & RankedOutcome)[] {
  const small = opts.smallSampleBelow ?? SMALL_SAMPLE_LEADS;
  const groups = new Map<string, (T & RankedOutcome)[]>();
  rows.forEach((r) => {
    assertConversions(r.converted, r.leads);
    const w = wilsonInterval(r.converted, r.leads, opts.confidence ?? 0.95);
    const out = { ...r, rate: r.leads > 0 ? w.rate : null, low: w.low, high: w.high, smallSample: r.leads < small, rank: null as number | null };
    const list = groups.get(r.group) ?? [];
    list.push(out);
    groups.set(r.group, list);
  });
  const result: (T & RankedOutcome)[] = [];
  for (const list of groups.values()) {
    const ranked = list
      .map((r, i) => ({ r, i }))
      .filter((x) => x.r.rate !== null)
      .sort((a, b) => b.r.low - a.r.low || b.r.rate! - a.r.rate! || a.i - b.i);
    ranked.forEach((x, k) => {
      const prev = k > 0 ? ranked[k - 1]!.r : null;
      x.r.rank = prev && prev.low === x.r.low && prev.rate === x.r.rate ? prev.rank : k + 1;
    });
    result.push(...ranked.map((x) => x.r), ...list.filter((r) => r.rate === null));
  }
  return result;
}
