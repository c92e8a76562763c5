import { Card, Stack, Text } from '@mantine/core';
import { barLayout } from './chart';

/**
 * Horizontal bars, one per group, as inline SVG: the bar widths are percentages of the track
 * (barLayout), so the chart needs no measuring and fits any width. Negative values grow left of
 * the zero line. Missing values show a dash and no bar.
 */
export function BarChart({
  title,
  rows,
  format,
  color = 'blue.7',
  testId,
}: {
  title: string;
  rows: { label: string; value: number | null }[];
  format: (v: number | null) => string;
  color?: string;
  testId?: string;
}) {
  const layout = barLayout(rows.map((r) => r.value));
  const fill = `var(--mantine-color-${color.replace('.', '-')})`;
  const negative = 'var(--mantine-color-red-7)';
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId}>
      <Text fw={600} size="sm" mb={6} id={testId ? `${testId}-title` : undefined}>
        {title}
      </Text>
      <Stack gap={6} role="list" aria-labelledby={testId ? `${testId}-title` : undefined}>
        {rows.map((r, i) => {
          const bar = layout.bars[i];
          return (
            <div key={`${r.label}-${i}`} role="listitem" aria-label={`${r.label}: ${format(r.value)}`}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 12 }} aria-hidden>
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}>{r.label}</span>
                <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', fontWeight: 600 }}>{format(r.value)}</span>
              </div>
              <svg width="100%" height={10} aria-hidden style={{ display: 'block' }}>
                <rect x="0" y="0" width="100%" height="10" rx="2" fill="var(--mantine-color-gray-1)" />
                {bar && bar.width > 0 && <rect x={`${bar.x}%`} y="0" width={`${bar.width}%`} height="10" rx="2" fill={(r.value ?? 0) < 0 ? negative : fill} />}
                {layout.zero > 0 && <line x1={`${layout.zero}%`} x2={`${layout.zero}%`} y1="0" y2="10" stroke="var(--mantine-color-gray-7)" strokeWidth={1} />}
              </svg>
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}
