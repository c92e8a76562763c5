import { Group, Text } from '@mantine/core';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { seriesPath, seriesScale, traceSeries } from './chart';

/** Colours of highlighted series (dark enough on white for 3:1 non-text contrast). */
export const SERIES_COLORS = ['blue.8', 'red.8', 'teal.8', 'grape.8', 'orange.8', 'indigo.8', 'lime.9', 'pink.8'];
const cssColor = (c: string) => `var(--mantine-color-${c.replace('.', '-')})`;

/** Width of an element, kept up to date (ResizeObserver). */
function useWidth(fallback = 640) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || fallback);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth || fallback));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fallback]);
  return { ref, width };
}

/**
 * Many series over the same periods as inline SVG. With few series (≤ `colorUpTo`) each gets its
 * own colour; with many (2,000 reps) all of them are one pale path on a canvas below (the per-series
 * paths joined), and the highlighted ones are drawn on top in colour in the SVG.
 */
export function LineChart({
  values,
  names,
  periodLabels,
  highlighted,
  formatTick,
  label,
  height = 280,
  colorUpTo = 8,
}: {
  values: readonly (readonly (number | null)[])[];
  names: readonly string[];
  periodLabels: readonly string[];
  /** Indexes of the highlighted series, in colour order. */
  highlighted: readonly number[];
  formatTick: (v: number) => string;
  label: string;
  height?: number;
  colorUpTo?: number;
}) {
  const { ref, width } = useWidth();
  const box = useMemo(() => ({ width, height, left: width < 480 ? 56 : 76, right: 12, top: 10, bottom: 26 }), [width, height]);
  const geo = useMemo(() => seriesScale(values, periodLabels.length, box), [values, periodLabels.length, box]);
  const few = values.length <= colorUpTo;
  const colored = few ? values.map((_, i) => i) : highlighted.slice(0, SERIES_COLORS.length);
  // Many series: every line is drawn once, pale, on a canvas under the SVG (segments traced from
  // the numbers, no path strings; rasterizing them as an SVG path costs far more). Highlighting
  // redraws only the coloured SVG paths on top.
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el || few) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = Math.round(width * ratio);
    el.height = Math.round(height * ratio);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.strokeStyle = 'rgba(134, 142, 150, 0.35)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    traceSeries(values, geo, ctx);
    ctx.stroke();
  }, [few, values, geo, width, height]);
  const every = Math.max(1, Math.ceil(periodLabels.length / Math.max(1, Math.floor((width - box.left) / 72))));
  return (
    <div ref={ref} style={{ width: '100%', position: 'relative' }}>
      {!few && (
        <canvas
          ref={canvas}
          aria-hidden
          data-testid="chart-background"
          style={{ position: 'absolute', left: 0, top: 0, width, height, pointerEvents: 'none' }}
        />
      )}
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={label}
        data-testid="metric-chart"
        data-series={values.length}
        style={{ display: 'block', overflow: 'visible', position: 'relative' }}
      >
        {geo.yTicks.map((tick) => (
          <g key={tick.value}>
            <line x1={box.left} x2={width - box.right} y1={tick.y} y2={tick.y} stroke="var(--mantine-color-gray-3)" strokeWidth={1} />
            <text x={box.left - 6} y={tick.y + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-gray-8)">
              {formatTick(tick.value)}
            </text>
          </g>
        ))}
        {geo.xs.map((x, i) =>
          i % every === 0 || i === geo.xs.length - 1 ? (
            <text
              key={i}
              x={x}
              y={height - 8}
              textAnchor={i === 0 ? 'start' : i === geo.xs.length - 1 ? 'end' : 'middle'}
              fontSize={11}
              fill="var(--mantine-color-gray-8)"
            >
              {periodLabels[i]}
            </text>
          ) : null,
        )}
        {colored.map((i, k) => {
          const d = seriesPath(values[i]!, geo);
          return d ? (
            <path
              key={i}
              d={d}
              fill="none"
              stroke={cssColor(SERIES_COLORS[k % SERIES_COLORS.length]!)}
              strokeWidth={2.25}
              strokeLinejoin="round"
              strokeLinecap="round"
              data-testid="chart-series"
            >
              <title>{names[i]}</title>
            </path>
          ) : null;
        })}
      </svg>
      {colored.length > 0 && (
        <Group gap="sm" mt={4} wrap="wrap" aria-hidden>
          {colored.map((i, k) => (
            <Group key={i} gap={4} wrap="nowrap">
              <span style={{ width: 14, height: 3, background: cssColor(SERIES_COLORS[k % SERIES_COLORS.length]!), display: 'inline-block' }} />
              <Text size="xs">{names[i]}</Text>
            </Group>
          ))}
        </Group>
      )}
    </div>
  );
}
