import { Alert, Badge, Card, Group, List, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../auth/viewer';
import type { ExperimentDetailQuery } from '../../gql/graphql';
import { Empty } from '../../ui/states';
import { intervalBars, progressShare, pValuePath, upliftGeometry } from './stats';

type Exp = ExperimentDetailQuery['experiment'];

const BAR_W = 320;
const COLORS = [
  'var(--mantine-color-gray-6)',
  'var(--mantine-color-blue-7)',
  'var(--mantine-color-grape-7)',
  'var(--mantine-color-orange-8)',
  'var(--mantine-color-teal-8)',
];
const colorOf = (i: number) => COLORS[i % COLORS.length];

/** The analysis: rates with Wilson intervals, uplift, p-value, chance to beat control, SRM, sequential path, progress. */
export function Analysis({ experiment: e }: { experiment: Exp }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const a = e.analysis;
  const pp = (x: number) => t('exp.analysis.pp', { value: fmt.number(100 * x, 2) });
  const total = a.variants.reduce((s, v) => s + v.exposures, 0);
  const order = e.variants.map((v) => v.key);
  const rows = [...a.variants].sort((x, y) => order.indexOf(x.key) - order.indexOf(y.key));
  const plan = e.plannedSamplePerArm ?? a.requiredSamplePerArm;
  const share = progressShare(
    rows.map((r) => r.exposures),
    plan,
  );
  const minArm = rows.length ? Math.min(...rows.map((r) => r.exposures)) : 0;
  const geo = intervalBars(rows, BAR_W, 1);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="exp-analysis" data-testid="analysis">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id="exp-analysis">
            {t('exp.analysis.title')}
          </Title>
          <Badge color={a.decisionReady ? 'teal' : 'gray'} variant="light" c={a.decisionReady ? 'teal.9' : 'gray.9'} data-testid="decision-ready">
            {a.decisionReady ? t('exp.analysis.ready') : t('exp.analysis.notReady')}
          </Badge>
        </Group>
        {total === 0 ? (
          <Empty title={t('exp.analysis.noData')}>{t(`exp.analysis.noDataHint.${e.metricKind}`)}</Empty>
        ) : (
          <>
            {a.srm.flagged ? (
              <Alert color="red" title={t('exp.analysis.srmTitle')} styles={{ title: { color: 'var(--mantine-color-red-9)' } }} data-testid="srm" role="alert">
                {t('exp.analysis.srmText', { p: fmt.number(a.srm.pValue, 4) })}
              </Alert>
            ) : (
              <Text size="sm" c="dimmed" data-testid="srm">
                {t('exp.analysis.srmOk', { p: fmt.number(a.srm.pValue, 3) })}
              </Text>
            )}

            <Stack gap={6}>
              <Title order={3} size="h5">
                {t('exp.analysis.rates')}
              </Title>
              {rows.map((r, i) => {
                const b = geo.bars[i];
                return (
                  <div key={r.key} data-testid={`rate-${r.key}`}>
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <Text size="sm" fw={600}>
                        {r.key}
                        {e.variants.find((v) => v.key === r.key)?.isControl ? ` · ${t('exp.create.control')}` : ''}
                      </Text>
                      <Text size="sm">
                        {t('exp.analysis.rate', {
                          rate: fmt.percent(r.rate, 1),
                          conversions: fmt.number(r.conversions, 0),
                          exposures: fmt.number(r.exposures, 0),
                          low: fmt.percent(r.ciLow, 1),
                          high: fmt.percent(r.ciHigh, 1),
                        })}
                      </Text>
                    </Group>
                    <svg
                      viewBox={`0 0 ${BAR_W} 22`}
                      width="100%"
                      height={22}
                      preserveAspectRatio="none"
                      role="img"
                      aria-label={t('exp.analysis.rateBar', {
                        key: r.key,
                        rate: fmt.percent(r.rate, 1),
                        low: fmt.percent(r.ciLow, 1),
                        high: fmt.percent(r.ciHigh, 1),
                      })}
                    >
                      <rect x={0} y={0} width={BAR_W} height={22} fill="var(--mantine-color-gray-1)" />
                      {geo.ticks.map((tk) => (
                        <line
                          key={tk.value}
                          x1={tk.x}
                          x2={tk.x}
                          y1={0}
                          y2={22}
                          stroke="var(--mantine-color-gray-4)"
                          strokeWidth={0.5}
                          vectorEffect="non-scaling-stroke"
                        />
                      ))}
                      <rect x={0} y={5} width={Math.max(0, b.x)} height={12} fill={colorOf(i)} opacity={0.55} />
                      <line x1={b.x0} x2={b.x1} y1={11} y2={11} stroke="var(--mantine-color-dark-7)" strokeWidth={2} vectorEffect="non-scaling-stroke" />
                      <line x1={b.x0} x2={b.x0} y1={4} y2={18} stroke="var(--mantine-color-dark-7)" strokeWidth={2} vectorEffect="non-scaling-stroke" />
                      <line x1={b.x1} x2={b.x1} y1={4} y2={18} stroke="var(--mantine-color-dark-7)" strokeWidth={2} vectorEffect="non-scaling-stroke" />
                    </svg>
                  </div>
                );
              })}
              <Group justify="space-between" aria-hidden>
                {geo.ticks.map((tk) => (
                  <Text key={tk.value} size="xs" c="dimmed">
                    {fmt.percent(tk.value, 0)}
                  </Text>
                ))}
              </Group>
              <Text size="xs" c="dimmed">
                {t('exp.analysis.wilson')}
              </Text>
            </Stack>

            <Stack gap="sm">
              <Title order={3} size="h5">
                {t('exp.analysis.comparisons')}
              </Title>
              {a.comparisons.length === 0 && <Text size="sm">{t('exp.analysis.noComparison')}</Text>}
              {a.comparisons.map((c) => {
                const g = upliftGeometry(c.upliftAbs, c.ciLow, c.ciHigh, BAR_W);
                return (
                  <Card key={c.variantKey} withBorder padding="sm" radius="sm" data-testid={`comparison-${c.variantKey}`}>
                    <Stack gap={6}>
                      <Group justify="space-between" wrap="wrap" gap="xs">
                        <Text fw={600} size="sm">
                          {t('exp.analysis.vsControl', { key: c.variantKey })}
                        </Text>
                        <Badge variant="light" color={c.significant ? 'teal' : 'gray'} c={c.significant ? 'teal.9' : 'gray.9'}>
                          {c.significant ? t('exp.analysis.significant') : t('exp.analysis.notSignificant')}
                        </Badge>
                      </Group>
                      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                        <Stat
                          label={t('exp.analysis.uplift')}
                          value={pp(c.upliftAbs)}
                          hint={c.upliftRel != null ? t('exp.analysis.relative', { value: fmt.percent(c.upliftRel, 1) }) : undefined}
                        />
                        <Stat label={t('exp.analysis.interval')} value={`${pp(c.ciLow)} … ${pp(c.ciHigh)}`} />
                        <Stat
                          label={e.analysisMode === 'SEQUENTIAL' ? t('exp.analysis.pValueSeq') : t('exp.analysis.pValue')}
                          value={fmt.number(c.pValue, 4)}
                          hint={t(`exp.analysis.test.${c.test}`, { defaultValue: c.test })}
                        />
                        <Stat label={t('exp.analysis.beat')} value={fmt.percent(c.probabilityToBeatControl, 1)} />
                      </SimpleGrid>
                      <svg
                        viewBox={`0 0 ${BAR_W} 26`}
                        width="100%"
                        height={26}
                        preserveAspectRatio="none"
                        role="img"
                        aria-label={t('exp.analysis.upliftBar', { low: pp(c.ciLow), high: pp(c.ciHigh) })}
                      >
                        <line
                          x1={g.zero}
                          x2={g.zero}
                          y1={0}
                          y2={26}
                          stroke="var(--mantine-color-gray-6)"
                          strokeDasharray="3 3"
                          vectorEffect="non-scaling-stroke"
                        />
                        <rect
                          x={g.x0}
                          y={8}
                          width={Math.max(1, g.x1 - g.x0)}
                          height={10}
                          rx={2}
                          fill={c.ciLow > 0 ? 'var(--mantine-color-teal-6)' : c.ciHigh < 0 ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-5)'}
                          opacity={0.7}
                        />
                        <line x1={g.x} x2={g.x} y1={4} y2={22} stroke="var(--mantine-color-dark-7)" strokeWidth={2} vectorEffect="non-scaling-stroke" />
                      </svg>
                      <Text size="xs" c="dimmed">
                        {t('exp.analysis.upliftHint')}
                      </Text>
                    </Stack>
                  </Card>
                );
              })}
            </Stack>

            {e.analysisMode === 'SEQUENTIAL' && <SequentialChart experiment={e} />}
          </>
        )}

        <Stack gap={4} data-testid="progress">
          <Title order={3} size="h5">
            {t('exp.analysis.progress')}
          </Title>
          {plan ? (
            <>
              <Progress value={share * 100} aria-label={t('exp.analysis.progress')} color={share >= 1 ? 'teal' : 'blue'} />
              <Text size="sm">
                {t('exp.analysis.progressText', { n: fmt.number(minArm, 0), planned: fmt.number(plan, 0), share: fmt.percent(share, 0) })}
                {e.plannedSamplePerArm == null ? ` ${t('exp.analysis.fromRequired')}` : ''}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('exp.analysis.noPlan')}
            </Text>
          )}
          {a.requiredSamplePerArm != null && (
            <Text size="xs" c="dimmed">
              {t('exp.analysis.required', { n: fmt.number(a.requiredSamplePerArm, 0), mde: pp(e.minDetectableEffect) })}
            </Text>
          )}
        </Stack>

        {a.warnings.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('exp.analysis.notes')}
            </Text>
            <List lang="en" size="sm" spacing={2}>
              {a.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

const CH_W = 320;
const CH_H = 140;

/** The always-valid p-value after each daily look, per treatment, with the α = 0.05 line. */
function SequentialChart({ experiment: e }: { experiment: Exp }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const looks = e.analysis.sequentialLooks;
  const keys = [...new Set(looks.map((l) => l.variantKey))];
  const days = [...new Set(looks.map((l) => l.day))].sort();
  const alphaY = CH_H - 4 - 0.05 * (CH_H - 8);
  return (
    <Stack gap={4} data-testid="sequential-chart">
      <Title order={3} size="h5">
        {t('exp.analysis.sequential')}
      </Title>
      {looks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('exp.analysis.noLooks')}
        </Text>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${CH_W} ${CH_H}`}
            width="100%"
            style={{ maxHeight: 220 }}
            role="img"
            aria-label={t('exp.analysis.sequentialAria', {
              count: days.length,
              last: keys.map((k) => `${k}: ${fmt.number(looks.filter((l) => l.variantKey === k).at(-1)!.pValue, 4)}`).join(', '),
            })}
          >
            <rect x={0} y={0} width={CH_W} height={CH_H} fill="var(--mantine-color-gray-0)" />
            <line x1={4} x2={CH_W - 4} y1={alphaY} y2={alphaY} stroke="var(--mantine-color-red-7)" strokeDasharray="4 3" />
            {[1, 0.5].map((v) => (
              <text key={v} x={6} y={CH_H - 4 - v * (CH_H - 8) + (v === 1 ? 9 : 3)} fontSize={8} fill="var(--mantine-color-gray-7)">
                {fmt.number(v, 1)}
              </text>
            ))}
            {keys.map((k, i) => {
              const path = pValuePath(
                looks.filter((l) => l.variantKey === k).map((l) => l.pValue),
                CH_W,
                CH_H,
              );
              return (
                <g key={k}>
                  <path d={path.d} fill="none" stroke={colorOf(i + 1)} strokeWidth={2} />
                  {path.points.map((p, j) => (
                    <circle key={j} cx={p.x} cy={p.y} r={3} fill={colorOf(i + 1)} />
                  ))}
                </g>
              );
            })}
          </svg>
          <Group justify="space-between" aria-hidden>
            <Text size="xs" c="dimmed">
              {days[0]}
            </Text>
            {days.length > 1 && (
              <Text size="xs" c="dimmed">
                {days[days.length - 1]}
              </Text>
            )}
          </Group>
          <Group gap="md">
            {keys.map((k, i) => (
              <Group key={k} gap={4}>
                <svg width={14} height={4} aria-hidden>
                  <rect width={14} height={4} fill={colorOf(i + 1)} />
                </svg>
                <Text size="xs">{k}</Text>
              </Group>
            ))}
            <Text size="xs" c="red.8">
              {t('exp.analysis.alphaLine')}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('exp.analysis.sequentialHint')}
          </Text>
        </>
      )}
    </Stack>
  );
}
