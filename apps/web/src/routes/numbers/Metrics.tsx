import { Button, Card, Checkbox, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery, type CombinedError } from 'urql';
import { useFormat, useViewer } from '../../auth/viewer';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { useValueFormat, type MetricUnit } from '../board/valueFormat';
import { periodStarts, relativeChange, type ExplorerPeriodKind } from './chart';
import { LineChart, SERIES_COLORS } from './LineChart';
import { ScrollTable } from './ScrollTable';
import { BoardSetupDoc, MetricSeriesDoc, NumbersCatalogDoc } from './operations';

const KINDS: ExplorerPeriodKind[] = ['ISO_WEEK', 'MONTH', 'QUARTER', 'DAY'];
const COUNTS = [4, 8, 13, 26];
const TABLE_ROWS = 25;

/** One metric for every entity over consecutive periods (entity × period matrices). */
export interface Explorer {
  periods: { label: string; startDate: string }[];
  entities: { id: string; name: string }[];
  values: (number | null)[][];
  numerators: (number | null)[][];
  denominators: (number | null)[][];
}

/**
 * Loads `metricValues` for each period in parallel (one request per period: each is an aggregate
 * with its own cost) and aligns the entities of every period by id.
 */
function useExplorer(metricKey: string, entityType: 'SQUAD' | 'MEMBER', kind: ExplorerPeriodKind, starts: string[]) {
  const client = useClient();
  // What was loaded for which parameters (`key`) and which reload (`nonce`): another metric or range
  // drops the old lines at once, a reload after a lost connection keeps them until the answer.
  const [state, setState] = useState<{ data: Explorer | null; error: CombinedError | null; key: string; nonce: number }>({
    data: null,
    error: null,
    key: '',
    nonce: 0,
  });
  const [nonce, setNonce] = useState(0);
  const startsKey = starts.join(',');
  const key = `${metricKey}|${entityType}|${kind}|${startsKey}`;
  useEffect(() => {
    if (!metricKey) return;
    let live = true;
    void Promise.all(
      startsKey
        .split(',')
        .map((start) =>
          client
            .query(
              MetricSeriesDoc,
              { input: { metricKeys: [metricKey], entityType, period: { kind, start } } },
              { requestPolicy: nonce ? 'network-only' : 'cache-first' },
            )
            .toPromise(),
        ),
    ).then((results) => {
      if (!live) return;
      const failed = results.find((r) => r.error);
      if (failed?.error) {
        setState({ data: null, error: failed.error, key, nonce });
        return;
      }
      const index = new Map<string, number>();
      const entities: Explorer['entities'] = [];
      const n = results.length;
      const values: Explorer['values'] = [];
      const numerators: Explorer['numerators'] = [];
      const denominators: Explorer['denominators'] = [];
      results.forEach((r, p) => {
        const mv = r.data!.metricValues;
        const s = mv.series[0]!;
        mv.entities.forEach((e, j) => {
          let i = index.get(e.id);
          if (i === undefined) {
            i = entities.length;
            index.set(e.id, i);
            entities.push(e);
            values.push(new Array<number | null>(n).fill(null));
            numerators.push(new Array<number | null>(n).fill(null));
            denominators.push(new Array<number | null>(n).fill(null));
          }
          values[i]![p] = s.values[j] ?? null;
          numerators[i]![p] = s.numerators[j] ?? null;
          denominators[i]![p] = s.denominators[j] ?? null;
        });
      });
      const periods = results.map((r) => ({ label: r.data!.metricValues.period.label, startDate: r.data!.metricValues.period.startDate }));
      setState({ data: { periods, entities, values, numerators, denominators }, error: null, key, nonce });
    });
    return () => {
      live = false;
    };
  }, [client, metricKey, entityType, kind, startsKey, nonce, key]);
  const reload = useCallback(() => setNonce((x) => x + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, loading: !current || state.nonce !== nonce, reload };
}

/** The metric explorer: any catalog metric for squads or reps over time, as a chart and a table; two periods compared. */
export default function Metrics() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data: catalog, error: catalogError }, refetchCatalog] = useQuery({ query: NumbersCatalogDoc });
  const { me } = useViewer();
  const [{ data: setup }] = useQuery({ query: BoardSetupDoc });
  const [entityType, setEntityType] = useState<'SQUAD' | 'MEMBER'>('MEMBER');
  // The team type: by default that of the first legion the caller commands (pre-sales for admins).
  const [teamKind, setTeamKind] = useState<'PRE_SALES' | 'COURSE_SERVICE' | null>(null);
  const kind0 = (setup?.legions.find((l) => l.commanderId === me.id)?.kind ?? 'PRE_SALES') as 'PRE_SALES' | 'COURSE_SERVICE';
  const chosenKind = teamKind ?? kind0;
  const [metricKey, setMetricKey] = useState('');
  const [kind, setKind] = useState<ExplorerPeriodKind>('ISO_WEEK');
  const [count, setCount] = useState(13);
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [periodA, setPeriodA] = useState<number | null>(null);
  const [periodB, setPeriodB] = useState<number | null>(null);
  const [showAll, setShowAll] = useState(false);
  const metrics = useMemo(
    () => (catalog?.metrics ?? []).filter((m) => m.entityTypes.includes(entityType) && m.teamKind === chosenKind),
    [catalog, entityType, chosenKind],
  );
  const metric = metrics.find((m) => m.key === metricKey) ?? metrics[0];
  const key = metric?.key ?? '';
  const starts = useMemo(() => periodStarts(kind, fmt.localToday, count), [kind, fmt.localToday, count]);
  const { data, error, loading, reload } = useExplorer(key, entityType, kind, starts);
  useRefetchOnRetry(() => {
    refetchCatalog({ requestPolicy: 'network-only' });
    reload();
  });
  const value = useValueFormat((metric?.unit ?? 'COUNT') as MetricUnit);
  // The numerator is a money sum for money metrics (also averages such as order value), else a count.
  const numerator = (v: number | null | undefined) => (v == null ? '—' : metric?.unit === 'MONEY' ? fmt.money(v) : fmt.number(v, 0));
  const a = Math.min(periodA ?? count - 1, count - 1);
  const b = Math.min(periodB ?? Math.max(0, count - 2), count - 1);

  const rows = useMemo(() => {
    if (!data) return [];
    const q = search.trim().toLowerCase();
    const dir = metric?.direction === 'LOWER_IS_BETTER' ? 1 : -1;
    return data.entities
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => !q || e.name.toLowerCase().includes(q))
      .sort((x, y) => {
        const vx = data.values[x.i]![a];
        const vy = data.values[y.i]![a];
        if (vx == null || vy == null) return vx == null ? (vy == null ? x.e.name.localeCompare(y.e.name) : 1) : -1;
        return vx === vy ? x.e.name.localeCompare(y.e.name) : dir * (vx - vy);
      });
  }, [data, search, a, metric?.direction]);
  const highlighted = useMemo(() => {
    if (!data) return [];
    const ids = new Map(data.entities.map((e, i) => [e.id, i]));
    return picked.map((id) => ids.get(id)).filter((i): i is number => i !== undefined);
  }, [data, picked]);
  const toggle = useCallback(
    (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length >= SERIES_COLORS.length ? p : [...p, id])),
    [],
  );
  const display = (v: number | null | undefined) => value(v);
  const changeText = (c: number | null) => (c == null ? '—' : `${c > 0 ? '+' : ''}${fmt.percent(c, 1)}`);

  if (catalogError && !catalog) return <QueryError error={catalogError} onRetry={() => refetchCatalog({ requestPolicy: 'network-only' })} />;
  if (!catalog) return <Loading />;
  const periodOptions = (data?.periods ?? starts.map((s) => ({ label: s, startDate: s }))).map((p, i) => ({ value: String(i), label: p.label }));
  const shown = showAll ? rows : rows.slice(0, TABLE_ROWS);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('numbers.metrics.intro')}
      </Text>
      <Card withBorder radius="md" padding="sm">
        <Group gap="md" wrap="wrap" mb="sm" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={700} id="metrics-kind-label">
              {t('numbers.boards.teamKind')}
            </Text>
            <SegmentedControl
              aria-labelledby="metrics-kind-label"
              value={chosenKind}
              onChange={(v) => {
                setTeamKind(v as 'PRE_SALES' | 'COURSE_SERVICE');
                setMetricKey('');
                setPicked([]);
              }}
              data={[
                { value: 'PRE_SALES', label: t('numbers.teamKind.PRE_SALES') },
                { value: 'COURSE_SERVICE', label: t('numbers.teamKind.COURSE_SERVICE') },
              ]}
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={700} id="metrics-entity-label">
              {t('numbers.metrics.entities')}
            </Text>
            <SegmentedControl
              aria-labelledby="metrics-entity-label"
              value={entityType}
              onChange={(v) => {
                setEntityType(v as 'SQUAD' | 'MEMBER');
                setPicked([]);
              }}
              data={[
                { value: 'MEMBER', label: t('board.scope.MEMBER') },
                { value: 'SQUAD', label: t('board.scope.SQUAD') },
              ]}
            />
          </Stack>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NativeSelect
            label={t('numbers.metrics.metric')}
            value={key}
            onChange={(e) => setMetricKey(e.currentTarget.value)}
            data={metrics.map((m) => ({ value: m.key, label: m.label }))}
            name="metric"
          />
          <NativeSelect
            label={t('numbers.metrics.periodKind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as ExplorerPeriodKind)}
            data={KINDS.map((k) => ({ value: k, label: t(`periodKind.${k}`) }))}
            name="periodKind"
          />
          <NativeSelect
            label={t('numbers.metrics.periods')}
            value={String(count)}
            onChange={(e) => setCount(Number(e.currentTarget.value))}
            data={COUNTS.map((c) => ({ value: String(c), label: t('numbers.metrics.lastN', { count: c }) }))}
            name="count"
          />
        </SimpleGrid>
        {metric && (
          <Text size="xs" c="dimmed" mt="xs">
            {metric.definition}
          </Text>
        )}
      </Card>
      {!metric ? (
        <Empty title={t('numbers.metrics.noMetrics')} />
      ) : error && !data ? (
        <QueryError error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : data.entities.length === 0 ? (
        <Empty title={t('numbers.metrics.emptyTitle')}>{t('numbers.metrics.emptyText')}</Empty>
      ) : (
        <>
          <Card withBorder radius="md" padding="sm" aria-busy={loading}>
            <LineChart
              values={data.values}
              names={data.entities.map((e) => e.name)}
              periodLabels={data.periods.map((p) => p.label)}
              highlighted={highlighted}
              formatTick={value}
              label={t('numbers.metrics.chartLabel', {
                metric: metric.label,
                entities: data.entities.length,
                from: data.periods[0]!.label,
                to: data.periods[data.periods.length - 1]!.label,
              })}
            />
            {data.entities.length > 8 && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('numbers.metrics.highlightHint', { max: SERIES_COLORS.length })}
              </Text>
            )}
          </Card>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('numbers.metrics.periodA')}
              value={String(a)}
              onChange={(e) => setPeriodA(Number(e.currentTarget.value))}
              data={periodOptions}
              name="periodA"
            />
            <NativeSelect
              label={t('numbers.metrics.periodB')}
              value={String(b)}
              onChange={(e) => setPeriodB(Number(e.currentTarget.value))}
              data={periodOptions}
              name="periodB"
            />
            <TextInput
              label={t('numbers.metrics.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ flex: '1 1 180px' }}
              name="search"
              type="search"
            />
          </Group>
          <ScrollTable minWidth={560} label={t('numbers.tabs.metrics')}>
            <Table striped data-testid="metric-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <VisuallyHidden>{t('numbers.metrics.highlight')}</VisuallyHidden>
                  </Table.Th>
                  <Table.Th>{t('numbers.metrics.name')}</Table.Th>
                  <Table.Th ta="right">{data.periods[a]!.label}</Table.Th>
                  <Table.Th ta="right">{t('numbers.metrics.numerator')}</Table.Th>
                  <Table.Th ta="right">{t('numbers.metrics.denominator')}</Table.Th>
                  <Table.Th ta="right">{data.periods[b]!.label}</Table.Th>
                  <Table.Th ta="right">{t('numbers.metrics.change')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map(({ e, i }) => (
                  <MetricRow
                    key={e.id}
                    id={e.id}
                    name={e.name}
                    a={display(data.values[i]![a])}
                    numerator={numerator(data.numerators[i]![a])}
                    denominator={metric.isRate ? fmt.number(data.denominators[i]![a] ?? 0, 0) : '—'}
                    b={display(data.values[i]![b])}
                    change={changeText(relativeChange(data.values[i]![b], data.values[i]![a]))}
                    on={picked.includes(e.id)}
                    full={picked.length >= SERIES_COLORS.length}
                    onToggle={toggle}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {rows.length > TABLE_ROWS && (
            <Group gap="sm">
              <Text size="xs" c="dimmed">
                {t('numbers.metrics.showing', { shown: shown.length, count: rows.length })}
              </Text>
              <Button size="compact-sm" variant="light" onClick={() => setShowAll((v) => !v)}>
                {showAll ? t('numbers.metrics.showFewer') : t('numbers.metrics.showAll')}
              </Button>
            </Group>
          )}
          {rows.length === 0 && <Empty title={t('numbers.metrics.noMatch')} />}
        </>
      )}
    </Stack>
  );
}

/** One row of the explorer's table; memoized so that ticking a row re-renders that row only. */
const MetricRow = memo(function MetricRow(props: {
  id: string;
  name: string;
  a: string;
  numerator: string;
  denominator: string;
  b: string;
  change: string;
  on: boolean;
  full: boolean;
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="metric-row">
      <Table.Td w={40}>
        <Checkbox
          checked={props.on}
          onChange={() => props.onToggle(props.id)}
          disabled={!props.on && props.full}
          aria-label={t('numbers.metrics.highlightNamed', { name: props.name })}
        />
      </Table.Td>
      <Table.Td>{props.name}</Table.Td>
      <Table.Td ta="right" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.a}
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.numerator}
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.denominator}
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.b}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {props.change}
      </Table.Td>
    </Table.Tr>
  );
});
