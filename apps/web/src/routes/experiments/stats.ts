// Pure helpers of the experiment screens: the sample-size planner (the server's own formula from
// libs/stats, so the plan shown here is the number the API uses) and the geometry of the charts.
import { requiredSamplePerArm } from '../../../../../libs/stats/src/sample-size';

/**
 * Required exposures per arm for a baseline conversion rate and a minimum detectable effect (both
 * as shares, e.g. 0.1 and 0.02), two-sided α = 0.05, power 0.8 — `requiredSamplePerArm` of
 * `@lib/stats` (docs/experiments.md "Sample size per arm"). null when the inputs cannot be planned
 * (baseline outside (0, 1), an effect of 0, or baseline + effect above 1).
 */
export function plannedSample(baseline: number, mde: number): number | null {
  if (!Number.isFinite(baseline) || !Number.isFinite(mde) || baseline <= 0 || baseline >= 1 || mde <= 0 || baseline + mde > 1) return null;
  try {
    return requiredSamplePerArm(baseline, mde);
  } catch {
    return null;
  }
}

/** A linear scale from [d0, d1] onto [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** "Nice" ticks (steps of 1, 2 or 5 × 10^k) covering [0, max], at most about `count` of them. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < max) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

export interface IntervalBar {
  key: string;
  /** x of the rate, and of the interval's ends, in px. */
  x: number;
  x0: number;
  x1: number;
  /** top of the row in px. */
  y: number;
}

/**
 * Rows of the rate chart: one bar per variant from 0 to its rate, with its Wilson interval as a
 * whisker. The axis runs from 0 to a nice value above the highest interval end.
 */
export function intervalBars(
  rows: { key: string; rate: number; ciLow: number; ciHigh: number }[],
  width: number,
  rowHeight: number,
  left = 0,
): { bars: IntervalBar[]; ticks: { value: number; x: number }[]; max: number } {
  const top = Math.max(0.01, ...rows.map((r) => r.ciHigh));
  const ticks = niceTicks(top);
  const max = ticks[ticks.length - 1];
  const x = linear(0, max, left, width);
  return {
    bars: rows.map((r, i) => ({ key: r.key, x: x(r.rate), x0: x(r.ciLow), x1: x(r.ciHigh), y: i * rowHeight })),
    ticks: ticks.map((value) => ({ value, x: x(value) })),
    max,
  };
}

/**
 * Position of an interval of the difference (uplift) on a symmetric axis around 0: returns the x of
 * the low end, the estimate, the high end and zero for a chart of `width` px.
 */
export function upliftGeometry(estimate: number, low: number, high: number, width: number, pad = 8) {
  const reach = Math.max(Math.abs(low), Math.abs(high), Math.abs(estimate), 0.005) * 1.1;
  const x = linear(-reach, reach, pad, width - pad);
  return { x0: x(low), x: x(estimate), x1: x(high), zero: x(0), reach };
}

/**
 * The always-valid p-value path of one treatment over the daily looks as an SVG polyline on a
 * log-free [0, 1] axis (1 at the top, 0 at the bottom): points in look order, evenly spaced.
 */
export function pValuePath(values: number[], width: number, height: number, pad = 4): { points: { x: number; y: number }[]; d: string } {
  const n = values.length;
  const x = linear(0, Math.max(1, n - 1), pad, width - pad);
  const y = linear(0, 1, height - pad, pad);
  const points = values.map((v, i) => ({ x: n === 1 ? width / 2 : x(i), y: y(Math.min(1, Math.max(0, v))) }));
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
  return { points, d };
}

/** Share of the planned sample the smallest arm has reached, in [0, 1] (0 without a plan). */
export function progressShare(exposures: number[], planned: number | null | undefined): number {
  if (!planned || planned <= 0 || exposures.length === 0) return 0;
  return Math.min(1, Math.max(0, Math.min(...exposures) / planned));
}

/** Running totals per (variant, day) of logged entries, oldest day first (corrections included). */
export function dailyTotals(entries: { day: string; variantKey: string; exposures: number; conversions: number }[]) {
  const map = new Map<string, { day: string; variantKey: string; exposures: number; conversions: number; entries: number }>();
  for (const e of entries) {
    const k = `${e.day}|${e.variantKey}`;
    const t = map.get(k) ?? { day: e.day, variantKey: e.variantKey, exposures: 0, conversions: 0, entries: 0 };
    t.exposures += e.exposures;
    t.conversions += e.conversions;
    t.entries += 1;
    map.set(k, t);
  }
  return [...map.values()].sort((a, b) => (a.day === b.day ? a.variantKey.localeCompare(b.variantKey) : a.day.localeCompare(b.day)));
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
