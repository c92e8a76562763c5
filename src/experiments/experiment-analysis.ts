import { analyzeExperiment, msprt, runningMinimum, type ExperimentAnalysis } from '@lib/stats';
import { AnalysisMode, ExperimentVerdict, RandomizationUnit } from './entities/experiment-enums.js';

/** Counts of one variant on one day (organization time zone); logged deltas or tracked events. */
export interface DailyCount {
  variantId: string;
  day: string;
  exposures: number;
  conversions: number;
}

export interface AnalysisDesign {
  analysisMode: AnalysisMode;
  minDetectableEffect: number;
  plannedSamplePerArm: number | null;
  sequentialTau: number | null;
  randomizationUnit: RandomizationUnit;
  variants: { id: string; key: string; isControl: boolean; weight: number }[];
}

export interface ExperimentAnalysisResult extends ExperimentAnalysis {
  /** Daily looks the sequential p-value was tracked over (days with data). */
  looks: number;
  /** SEQUENTIAL: each treatment's always-valid p-value (running minimum) after each daily look. */
  sequentialLooks: { variantKey: string; day: string; pValue: number }[];
}

/**
 * Analysis of an experiment from its daily counts. Totals are the sums over all days. In
 * SEQUENTIAL mode the always-valid p-value of each treatment is the running minimum over the
 * cumulative daily looks (every day with data, in order), so it never increases from one look to
 * the next; days where a cumulative count is not a valid proportion (conversions above
 * exposures, possible mid-way with logged corrections) are skipped as looks.
 */
export function analyzeDailyCounts(design: AnalysisDesign, daily: readonly DailyCount[]): ExperimentAnalysisResult {
  const totals = new Map<string, { exposures: number; conversions: number }>(design.variants.map((v) => [v.id, { exposures: 0, conversions: 0 }]));
  for (const d of daily) {
    const t = totals.get(d.variantId);
    if (!t) continue;
    t.exposures += d.exposures;
    t.conversions += d.conversions;
  }
  const days = [...new Set(daily.map((d) => d.day))].sort();
  const tau = design.sequentialTau ?? design.minDetectableEffect;
  let previous: Record<string, number> | undefined;
  const sequentialLooks: ExperimentAnalysisResult['sequentialLooks'] = [];
  const control = design.variants.find((v) => v.isControl);
  if (design.analysisMode === AnalysisMode.SEQUENTIAL && control && tau > 0 && days.length > 0) {
    previous = {};
    const cumulative = new Map<string, { exposures: number; conversions: number }>(design.variants.map((v) => [v.id, { exposures: 0, conversions: 0 }]));
    const byDay = new Map<string, DailyCount[]>();
    for (const d of daily) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d]);
    const perTreatment = new Map<string, number[]>();
    const lookDays = new Map<string, string[]>();
    for (const day of days) {
      for (const d of byDay.get(day) ?? []) {
        const c = cumulative.get(d.variantId);
        if (!c) continue;
        c.exposures += d.exposures;
        c.conversions += d.conversions;
      }
      const cc = cumulative.get(control.id)!;
      for (const t of design.variants) {
        if (t.isControl) continue;
        const tc = cumulative.get(t.id)!;
        if (!validCounts(cc) || !validCounts(tc)) continue;
        const list = perTreatment.get(t.key) ?? [];
        list.push(msprt(cc, tc, { alpha: 0.05, tau }).pValue);
        perTreatment.set(t.key, list);
        lookDays.set(t.key, [...(lookDays.get(t.key) ?? []), day]);
      }
    }
    for (const [key, ps] of perTreatment) {
      const mins = runningMinimum(ps);
      previous[key] = mins[mins.length - 1];
      const ds = lookDays.get(key) ?? [];
      mins.forEach((pValue, i) => sequentialLooks.push({ variantKey: key, day: ds[i], pValue }));
    }
  }
  const analysis = analyzeExperiment({
    variants: design.variants.map((v) => ({ key: v.key, isControl: v.isControl, plannedWeight: v.weight, ...totals.get(v.id)! })),
    mode: design.analysisMode,
    minDetectableEffect: design.minDetectableEffect,
    plannedSamplePerArm: design.plannedSamplePerArm ?? undefined,
    sequentialTau: design.sequentialTau ?? undefined,
    previousSequentialPValues: previous,
  });
  if (design.randomizationUnit !== RandomizationUnit.LEAD) {
    analysis.warnings.push(
      `Randomized by ${design.randomizationUnit.toLowerCase()}: the tests treat every exposure as independent, so intervals are too narrow and p-values too small when outcomes within a ${design.randomizationUnit.toLowerCase()} are correlated.`,
    );
  }
  return { ...analysis, looks: days.length, sequentialLooks };
}

function validCounts(c: { exposures: number; conversions: number }): boolean {
  return c.exposures >= 0 && c.conversions >= 0 && c.conversions <= c.exposures;
}

/**
 * Why a verdict is not backed by the analysis (empty when it is). `winnerKey` is the treatment a
 * WIN declares; LOSS and INCONCLUSIVE are judged against every treatment.
 */
export function verdictWarnings(verdict: ExperimentVerdict, winnerKey: string | null, analysis: ExperimentAnalysis): string[] {
  const out: string[] = [];
  if (analysis.srm.flagged) {
    out.push(`Sample ratio mismatch (p = ${analysis.srm.pValue.toPrecision(3)}): assignment is broken, so the comparison cannot be trusted.`);
  }
  if (!analysis.decisionReady) {
    const preliminary = analysis.warnings.find((w) => w.startsWith('Preliminary'));
    if (preliminary) out.push(`The analysis is not decision-ready (${preliminary.replace(/\.$/, '')}).`);
    else if (!analysis.srm.flagged) out.push('The analysis is not decision-ready.');
  }
  const pct = (x: number) => `${(100 * x).toFixed(2)} pp`;
  if (verdict === ExperimentVerdict.WIN) {
    const c = analysis.comparisons.find((x) => x.variantKey === winnerKey);
    if (!c) {
      out.push(`There is no analysis for the winning variant "${winnerKey}".`);
    } else {
      if (c.upliftAbs < 0) out.push(`WIN, but "${c.variantKey}" converts worse than the control (${pct(c.upliftAbs)}).`);
      if (c.ciLow <= 0 && c.ciHigh >= 0) {
        out.push(`WIN, but the 95% interval of the difference for "${c.variantKey}" [${pct(c.ciLow)}, ${pct(c.ciHigh)}] includes zero.`);
      }
    }
  } else if (verdict === ExperimentVerdict.LOSS) {
    for (const c of analysis.comparisons) {
      if (c.ciLow > 0) out.push(`LOSS, but "${c.variantKey}" is significantly better than the control [${pct(c.ciLow)}, ${pct(c.ciHigh)}].`);
    }
  } else {
    for (const c of analysis.comparisons) {
      if (c.significant && analysis.decisionReady)
        out.push(`INCONCLUSIVE, but "${c.variantKey}" differs significantly from the control (p = ${c.pValue.toPrecision(3)}).`);
    }
  }
  return out;
}
