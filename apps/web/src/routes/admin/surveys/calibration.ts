/** One answer of the calibration (`surveyCalibration.options`). */
export interface CalibrationRow {
  questionKey: string;
  questionLabel?: string | null;
  optionKey: string;
  optionLabel?: string | null;
  leads: number;
  converted: number;
  conversionRate?: number | null;
  lift?: number | null;
}

export interface QuestionGroup<R extends CalibrationRow> {
  questionKey: string;
  questionLabel: string;
  rows: R[];
}

/** The answers grouped by question, in the order the API gives them. */
export function groupByQuestion<R extends CalibrationRow>(rows: readonly R[]): QuestionGroup<R>[] {
  const groups = new Map<string, QuestionGroup<R>>();
  for (const r of rows) {
    let g = groups.get(r.questionKey);
    if (!g) {
      g = { questionKey: r.questionKey, questionLabel: r.questionLabel || r.questionKey, rows: [] };
      groups.set(r.questionKey, g);
    }
    g.rows.push(r);
  }
  return [...groups.values()];
}

/** The axis of conversion rates: a round top (5 %, 10 %, 20 %, 25 %, 50 %, 100 %) above the highest rate, and its ticks. */
export function rateAxis(maxRate: number): { max: number; ticks: number[] } {
  const tops = [0.05, 0.1, 0.2, 0.25, 0.5, 1];
  const max = tops.find((t) => maxRate <= t + 1e-9) ?? 1;
  const step = max <= 0.05 ? 0.01 : max <= 0.1 ? 0.025 : max <= 0.25 ? 0.05 : max <= 0.5 ? 0.1 : 0.25;
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return { max, ticks };
}

/** Geometry of one horizontal bar chart: label column, bar area and one row per answer. */
export interface BarChartLayout {
  width: number;
  height: number;
  labelWidth: number;
  plotX: number;
  plotWidth: number;
  rowHeight: number;
  axisY: number;
  ticks: { value: number; x: number }[];
  bars: { y: number; width: number; baselineX: number | null }[];
  /** x of the survey's average rate (the dashed line), or null when there is none. */
  averageX: number | null;
}

/**
 * Lays out horizontal bars of conversion rates: each bar's width is its rate on a shared axis (see
 * rateAxis), an answer nobody chose has no bar. `average` is the survey's rate, drawn as a line.
 */
export function barChartLayout(
  rates: readonly (number | null | undefined)[],
  opts: { width: number; labelWidth: number; rowHeight?: number; average?: number | null },
): BarChartLayout {
  const rowHeight = opts.rowHeight ?? 28;
  const labelWidth = Math.min(opts.labelWidth, Math.round(opts.width * 0.45));
  const plotX = labelWidth + 8;
  const countsWidth = 96;
  const plotWidth = Math.max(40, opts.width - plotX - countsWidth);
  const known = rates.filter((r): r is number => typeof r === 'number' && Number.isFinite(r));
  const axis = rateAxis(Math.max(0, ...known, opts.average ?? 0));
  const x = (v: number) => plotX + (Math.max(0, Math.min(v, axis.max)) / axis.max) * plotWidth;
  const axisY = rates.length * rowHeight + 4;
  return {
    width: opts.width,
    height: axisY + 20,
    labelWidth,
    plotX,
    plotWidth,
    rowHeight,
    axisY,
    ticks: axis.ticks.map((value) => ({ value, x: x(value) })),
    bars: rates.map((r, i) => ({
      y: i * rowHeight,
      width: typeof r === 'number' && Number.isFinite(r) ? x(r) - plotX : 0,
      baselineX: typeof r === 'number' && Number.isFinite(r) ? plotX : null,
    })),
    averageX: typeof opts.average === 'number' && Number.isFinite(opts.average) ? x(opts.average) : null,
  };
}
