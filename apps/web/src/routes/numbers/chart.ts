// Pure geometry of the numbers screens' inline SVG charts (unit-tested in chart.spec.ts).

/** A linear map from `domain` to `range`; a zero-width domain maps to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * "Nice" tick values covering [min, max] with about `count` steps of 1, 2 or 5 × 10^n. The first
 * tick is ≤ min and the last ≥ max, so the ticks can serve as the axis domain.
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    if (min === 0) return [0, 1];
    const pad = Math.abs(min) / 2;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < max + step * 0.999; v += step) ticks.push(Math.round(v / step) * step);
  if (ticks.length < 2) ticks.push(first + step);
  // -0 → 0
  return ticks.map((v) => (Object.is(v, -0) ? 0 : Number(v.toPrecision(12))));
}

export interface SeriesGeometry {
  /** One SVG path per series ('' when the series has no value); a null value lifts the pen. */
  paths: string[];
  /** x of each period. */
  xs: number[];
  /** The y axis ticks and their y positions. */
  yTicks: { value: number; y: number }[];
}

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

export interface SeriesScale {
  /** x of each period. */
  xs: number[];
  /** y of a value. */
  y: (v: number) => number;
  /** The y axis ticks and their y positions. */
  yTicks: { value: number; y: number }[];
}

/**
 * One y scale shared by many series over the same periods (`values[series][period]`, null = no
 * value): nice ticks around the overall min and max, including 0 when every value is ≥ 0. One
 * pass over the values.
 */
export function seriesScale(values: readonly (readonly (number | null)[])[], periods: number, box: Box): SeriesScale {
  let min = Infinity;
  let max = -Infinity;
  for (const s of values)
    for (const v of s)
      if (v != null && Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
  if (min === Infinity) {
    min = 0;
    max = 1;
  }
  if (min > 0) min = 0;
  const ticks = niceTicks(min, max, 4);
  const y = linearScale([ticks[0]!, ticks[ticks.length - 1]!], [box.height - box.bottom, box.top]);
  const x = linearScale([0, Math.max(1, periods - 1)], [box.left, box.width - box.right]);
  const xs = Array.from({ length: periods }, (_, i) => r1(periods === 1 ? (box.left + box.width - box.right) / 2 : x(i)));
  return { xs, y, yTicks: ticks.map((value) => ({ value, y: r1(y(value)) })) };
}

/** The SVG path of one series on a scale ('' without values); a null value lifts the pen. */
export function seriesPath(s: readonly (number | null)[], scale: Pick<SeriesScale, 'xs' | 'y'>): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < s.length && i < scale.xs.length; i++) {
    const v = s[i];
    if (v == null || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${d ? ' ' : ''}${pen ? 'L' : 'M'}${scale.xs[i]} ${r1(scale.y(v))}`;
    pen = true;
  }
  return d;
}

/**
 * Draws every series as line segments through `to` (moveTo / lineTo, e.g. a canvas context) in
 * one pass, without building strings: the pale background of a chart of thousands of series.
 */
export function traceSeries(
  values: readonly (readonly (number | null)[])[],
  scale: Pick<SeriesScale, 'xs' | 'y'>,
  to: { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void },
): void {
  const n = scale.xs.length;
  for (const s of values) {
    let pen = false;
    for (let i = 0; i < s.length && i < n; i++) {
      const v = s[i];
      if (v == null || !Number.isFinite(v)) {
        pen = false;
        continue;
      }
      if (pen) to.lineTo(scale.xs[i]!, scale.y(v));
      else to.moveTo(scale.xs[i]!, scale.y(v));
      pen = true;
    }
  }
}

/** Paths of every series on one shared scale (seriesScale + seriesPath). */
export function seriesGeometry(values: readonly (readonly (number | null)[])[], periods: number, box: Box): SeriesGeometry {
  const scale = seriesScale(values, periods, box);
  return { paths: values.map((s) => seriesPath(s, scale)), xs: scale.xs, yTicks: scale.yTicks };
}

/**
 * A horizontal bar per value as percentages of the track: bars start at the zero line, which sits
 * at the left when every value is ≥ 0 and moves right when some are negative. null values get no bar.
 */
export function barLayout(values: readonly (number | null)[]): { zero: number; bars: ({ x: number; width: number } | null)[] } {
  const present = values.filter((v): v is number => v != null && Number.isFinite(v));
  const lo = Math.min(0, ...present);
  const hi = Math.max(0, ...present);
  const span = hi - lo || 1;
  const pct = (v: number) => ((v - lo) / span) * 100;
  const zero = pct(0);
  return {
    zero: r1(zero),
    bars: values.map((v) => {
      if (v == null || !Number.isFinite(v)) return null;
      const p = pct(v);
      return { x: r1(Math.min(p, zero)), width: r1(Math.abs(p - zero)) };
    }),
  };
}

export type ExplorerPeriodKind = 'DAY' | 'ISO_WEEK' | 'MONTH' | 'QUARTER';

function shiftMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-01`;
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first local date of the period of `kind` containing the local date `date` (ISO weeks start on Monday). */
export function periodStartOf(kind: ExplorerPeriodKind, date: string): string {
  switch (kind) {
    case 'DAY':
      return date;
    case 'ISO_WEEK': {
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
      return shiftDays(date, -((dow + 6) % 7));
    }
    case 'MONTH':
      return `${date.slice(0, 7)}-01`;
    case 'QUARTER': {
      const m = Number(date.slice(5, 7));
      return `${date.slice(0, 4)}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    }
  }
}

/** The starts of the `n` periods of `kind` ending with the one containing `date`, oldest first. */
export function periodStarts(kind: ExplorerPeriodKind, date: string, n: number): string[] {
  const last = periodStartOf(kind, date);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    out.push(kind === 'DAY' ? shiftDays(last, -i) : kind === 'ISO_WEEK' ? shiftDays(last, -7 * i) : shiftMonths(last, -(kind === 'MONTH' ? i : 3 * i)));
  }
  return out;
}

/** Relative change from `before` to `after` (null when either is missing or `before` is 0). */
export function relativeChange(before: number | null | undefined, after: number | null | undefined): number | null {
  if (before == null || after == null || !Number.isFinite(before) || !Number.isFinite(after) || before === 0) return null;
  return (after - before) / Math.abs(before);
}
