import { Card, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import { useFormat } from '../../auth/viewer';
import type { NumbersUnitEconomicsQuery } from '../../gql/graphql';
import { addDays } from '../../lib/format';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { BarChart } from './BarChart';
import { ScrollTable } from './ScrollTable';
import { UnitEconomicsDoc } from './operations';

type Row = NumbersUnitEconomicsQuery['unitEconomics'][number];
const GROUPS = ['COHORT', 'CHANNEL', 'CAMPAIGN'] as const;
const HORIZONS = [30, 90, 180, 365];
const CHANNELS = ['AD', 'OFFLINE_EVENT', 'ORGANIC', 'OTHER', 'PARTNER', 'REFERRAL'];
const CHART_GROUPS = 10;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Unit economics by cohort, channel or campaign: charts of the key numbers and the full table. */
export default function Economics() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('CHANNEL');
  const [from, setFrom] = useState(() => addDays(fmt.localToday, -89));
  const [to, setTo] = useState(() => addDays(fmt.localToday, 1));
  const [horizon, setHorizon] = useState(180);
  const local: Record<string, string> = {};
  if (!DATE.test(from)) local.from = t('numbers.economics.dateRequired');
  if (!DATE.test(to)) local.to = t('numbers.economics.dateRequired');
  else if (DATE.test(from) && to <= from) local.to = t('numbers.economics.toAfterFrom');
  const valid = Object.keys(local).length === 0;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: UnitEconomicsDoc,
    variables: { input: { groupBy, from, to, ltvHorizonDays: horizon } },
    pause: !valid,
  });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const groupName = (r: Row) =>
    r.group === '(none)'
      ? t('numbers.economics.none')
      : groupBy === 'CHANNEL' && CHANNELS.includes(r.group)
        ? t(`numbers.economics.channel.${r.group}`)
        : r.group;
  const money = (v: number | null) => (v == null ? '—' : fmt.money(v));
  const times = (v: number | null) => (v == null ? '—' : t('numbers.economics.times', { value: fmt.number(v, 2) }));
  const days = (v: number | null) => (v == null ? '—' : t('numbers.economics.days', { count: v }));
  const top = useMemo(() => [...(data?.unitEconomics ?? [])].sort((a, b) => b.leads - a.leads).slice(0, CHART_GROUPS), [data]);
  const charts: { key: string; title: string; value: (r: Row) => number | null; format: (v: number | null) => string; color: string }[] = [
    { key: 'cac', title: t('numbers.economics.cac'), value: (r) => r.cac ?? null, format: money, color: 'orange.7' },
    { key: 'firstOrderRevenue', title: t('numbers.economics.firstOrderRevenue'), value: (r) => r.firstOrderRevenue, format: money, color: 'blue.7' },
    { key: 'unitEconomics', title: t('numbers.economics.unitEconomics'), value: (r) => r.unitEconomics ?? null, format: money, color: 'teal.7' },
    { key: 'ltv', title: t('numbers.economics.ltv', { days: horizon }), value: (r) => r.ltv ?? null, format: money, color: 'indigo.7' },
    { key: 'ltvToCac', title: t('numbers.economics.ltvToCac'), value: (r) => r.ltvToCac ?? null, format: times, color: 'grape.7' },
    { key: 'payback', title: t('numbers.economics.payback'), value: (r) => r.paybackDays ?? null, format: days, color: 'cyan.8' },
  ];
  const message = formMessage(error, ['from', 'to', 'ltvHorizonDays']);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('numbers.economics.intro')}
      </Text>
      <Card withBorder radius="md" padding="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Stack gap={4}>
            <Text size="sm" fw={700} id="ue-group-label">
              {t('numbers.economics.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby="ue-group-label"
              value={groupBy}
              onChange={(v) => setGroupBy(v as (typeof GROUPS)[number])}
              data={GROUPS.map((g) => ({ value: g, label: t(`numbers.economics.group.${g}`) }))}
            />
          </Stack>
          <TextInput
            type="date"
            label={t('numbers.economics.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={local.from ?? errorFor(error, 'from')}
            name="from"
          />
          <TextInput
            type="date"
            label={t('numbers.economics.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={local.to ?? errorFor(error, 'to')}
            name="to"
          />
          <NativeSelect
            label={t('numbers.economics.horizon')}
            value={String(horizon)}
            onChange={(e) => setHorizon(Number(e.currentTarget.value))}
            data={HORIZONS.map((h) => ({ value: String(h), label: t('numbers.economics.days', { count: h }) }))}
            error={errorFor(error, 'ltvHorizonDays')}
            name="horizon"
          />
        </SimpleGrid>
      </Card>
      {!valid ? null : error && !data ? (
        message ? (
          <Text c="red.8" role="alert">
            {message}
          </Text>
        ) : (
          <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        )
      ) : !data ? (
        <Loading />
      ) : data.unitEconomics.length === 0 ? (
        <Empty title={t('numbers.economics.emptyTitle')}>{t('numbers.economics.emptyText')}</Empty>
      ) : (
        <Stack gap="md" aria-busy={fetching}>
          {data.unitEconomics.length > CHART_GROUPS && (
            <Text size="xs" c="dimmed">
              {t('numbers.economics.chartTop', { count: CHART_GROUPS })}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" data-testid="ue-charts">
            {charts.map((c) => (
              <BarChart
                key={c.key}
                testId={`ue-chart-${c.key}`}
                title={c.title}
                color={c.color}
                format={c.format}
                rows={top.map((r) => ({ label: groupName(r), value: c.value(r) }))}
              />
            ))}
          </SimpleGrid>
          <ScrollTable minWidth={960} label={t('numbers.tabs.economics')}>
            <Table striped data-testid="ue-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`numbers.economics.group.${groupBy}`)}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.leads')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.customers')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.conversion')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.spend')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.cac')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.firstOrderRevenue')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.unitEconomics')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.ltv', { days: horizon })}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.ltvToCac')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.economics.payback')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {data.unitEconomics.map((r) => (
                  <Table.Tr key={`${r.group}-${r.groupKey ?? ''}`} data-testid="ue-row">
                    <Table.Td fw={600}>{groupName(r)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(r.leads, 0)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(r.payingCustomers, 0)}</Table.Td>
                    <Table.Td ta="right">{r.conversionRate == null ? '—' : fmt.percent(r.conversionRate, 1)}</Table.Td>
                    <Table.Td ta="right">{money(r.spend)}</Table.Td>
                    <Table.Td ta="right">{money(r.cac ?? null)}</Table.Td>
                    <Table.Td ta="right">{money(r.firstOrderRevenue)}</Table.Td>
                    <Table.Td ta="right" c={(r.unitEconomics ?? 0) < 0 ? 'red.8' : undefined}>
                      {money(r.unitEconomics ?? null)}
                    </Table.Td>
                    <Table.Td ta="right">{money(r.ltv ?? null)}</Table.Td>
                    <Table.Td ta="right">{times(r.ltvToCac ?? null)}</Table.Td>
                    <Table.Td ta="right">{days(r.paybackDays ?? null)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t('numbers.economics.legend')}
            </Text>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
