import { Box, Card, Stack, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../auth/viewer';
import { barChartLayout, type CalibrationRow } from './calibration';

/**
 * One question's answers as horizontal bars: conversion rate per answer on a shared axis, the
 * survey's average as a dashed line, and each answer's converted / leads at the bar's end.
 */
export function CalibrationChart({
  title,
  rows,
  average,
  testId = 'calibration-question',
}: {
  title: string;
  rows: CalibrationRow[];
  average: number | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { ref, width } = useElementSize();
  const w = Math.max(280, Math.round(width || 600));
  const layout = barChartLayout(
    rows.map((r) => r.conversionRate),
    { width: w, labelWidth: 200, rowHeight: 28, average },
  );
  // YES_NO answers come as the keys yes/no: say them in the UI's language.
  const label = (r: CalibrationRow) =>
    (r.optionKey === 'yes' || r.optionKey === 'no') && (!r.optionLabel || r.optionLabel === r.optionKey)
      ? t(`adminData.surveys.calibration.${r.optionKey}`)
      : r.optionLabel || r.optionKey;
  const summary = rows
    .map((r) =>
      r.leads === 0
        ? t('adminData.surveys.calibration.nobody', { answer: label(r) })
        : t('adminData.surveys.calibration.rowSummary', {
            answer: label(r),
            rate: fmt.percent(r.conversionRate ?? 0, 1),
            converted: r.converted,
            leads: r.leads,
          }),
    )
    .join('; ');
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId}>
      <Stack gap={6}>
        <Title order={3} size="h5">
          {title}
        </Title>
        <Box ref={ref} style={{ width: '100%' }}>
          <svg width={layout.width} height={layout.height} role="img" aria-label={`${title}: ${summary}`} style={{ display: 'block', maxWidth: '100%' }}>
            {layout.ticks.map((tick) => (
              <g key={tick.value} aria-hidden>
                <line x1={tick.x} x2={tick.x} y1={0} y2={layout.axisY} stroke="var(--mantine-color-gray-3)" />
                <text x={tick.x} y={layout.axisY + 14} fontSize={11} textAnchor="middle" fill="var(--mantine-color-gray-7)">
                  {fmt.percent(tick.value, tick.value < 0.1 && tick.value > 0 && tick.value * 100 !== Math.round(tick.value * 100) ? 1 : 0)}
                </text>
              </g>
            ))}
            {layout.averageX !== null && (
              <line
                x1={layout.averageX}
                x2={layout.averageX}
                y1={0}
                y2={layout.axisY}
                stroke="var(--mantine-color-orange-8)"
                strokeDasharray="4 3"
                strokeWidth={1.5}
                aria-hidden
              />
            )}
            {rows.map((r, i) => {
              const bar = layout.bars[i]!;
              const name = label(r);
              const maxChars = Math.max(6, Math.floor(layout.labelWidth / 7));
              return (
                <g key={r.optionKey} aria-hidden data-testid="calibration-bar">
                  <text x={layout.labelWidth} y={bar.y + 18} fontSize={12} textAnchor="end" fill="var(--mantine-color-gray-9)">
                    <title>{name}</title>
                    {name.length > maxChars ? `${name.slice(0, maxChars - 1)}…` : name}
                  </text>
                  {bar.baselineX !== null && (
                    <rect
                      x={bar.baselineX}
                      y={bar.y + 5}
                      width={Math.max(1, bar.width)}
                      height={layout.rowHeight - 10}
                      rx={3}
                      fill="var(--mantine-color-blue-6)"
                    />
                  )}
                  <text
                    x={layout.plotX + bar.width + 6}
                    y={bar.y + 18}
                    fontSize={11}
                    fill="var(--mantine-color-gray-8)"
                    stroke="white"
                    strokeWidth={3}
                    paintOrder="stroke"
                  >
                    {r.leads === 0 ? '—' : `${fmt.percent(r.conversionRate ?? 0, 0)} · ${r.converted}/${r.leads}`}
                  </text>
                </g>
              );
            })}
          </svg>
        </Box>
      </Stack>
    </Card>
  );
}

/** The legend under the charts: what a bar, the counts and the dashed line mean. */
export function CalibrationLegend({ average }: { average: number | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Text size="xs" c="dimmed">
      {t('adminData.surveys.calibration.legend')}
      {average !== null ? ` ${t('adminData.surveys.calibration.averageLine', { rate: fmt.percent(average, 1) })}` : ''}
    </Text>
  );
}
