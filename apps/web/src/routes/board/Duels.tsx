import { Alert, Button, Card, Collapse, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SoftBadge } from './SoftBadge';
import { useMutation, useQuery } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import { useFormat } from '../../auth/viewer';
import type { DuelFieldsFragment, PeriodKind, RankingScope } from '../../gql/graphql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { CreateDuelDoc, DuelCandidatesDoc, DuelSeasonDoc, DuelsDoc } from './operations';
import { useValueFormat, type MetricUnit } from './valueFormat';

const STATUS_COLOR: Record<string, string> = { LIVE: 'green', UPCOMING: 'blue', ENDED: 'orange', FINAL: 'gray' };
const STATUS_ORDER: Record<string, number> = { LIVE: 0, ENDED: 1, UPCOMING: 2, FINAL: 3 };

/** The quarter label of a local date, e.g. 2026-12-04 → "2026-Q4" (the default season). */
function quarterOf(localDate: string): string {
  const [y, m] = localDate.split('-').map(Number);
  return `${y}-Q${Math.floor(((m ?? 1) - 1) / 3) + 1}`;
}

/** PK duels: live scores, a form to create one, and the season table. */
export default function Duels() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: DuelsDoc });
  const [{ data: cands }] = useQuery({ query: DuelCandidatesDoc });
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const seasons = useMemo(() => {
    const set = new Set((data?.duels ?? []).map((d) => d.season).filter((s): s is string => !!s));
    if (set.size === 0) set.add(quarterOf(fmt.localToday));
    return [...set].sort().reverse();
  }, [data, fmt.localToday]);
  const [season, setSeason] = useState<string | null>(null);
  const [entityType, setEntityType] = useState<RankingScope>('SQUAD');
  const chosenSeason = season ?? seasons[0] ?? quarterOf(fmt.localToday);
  const [{ data: table, error: tableError }, refetchTable] = useQuery({ query: DuelSeasonDoc, variables: { season: chosenSeason, entityType } });
  useRefetchOnRetry(() => {
    refetch({ requestPolicy: 'network-only' });
    refetchTable({ requestPolicy: 'network-only' });
  });

  const duels = [...(data?.duels ?? [])].sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9));
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 240px' }}>
          {t('duels.intro')}
        </Text>
        <Button onClick={() => setCreating((v) => !v)} variant={creating ? 'default' : 'filled'} aria-expanded={creating} data-testid="create-duel-toggle">
          {creating ? t('common.cancel') : t('duels.create')}
        </Button>
      </Group>
      <Collapse expanded={creating}>
        {creating && cands && (
          <CreateDuelForm
            candidates={cands}
            defaultSeason={seasons[0] ?? quarterOf(fmt.localToday)}
            onDone={(d) => {
              setCreating(false);
              setNotice(t('duels.created', { a: d.a.name, b: d.b.name }));
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        )}
      </Collapse>
      {notice && (
        <Text role="status" c="teal.9" size="sm" fw={600}>
          {notice}
        </Text>
      )}
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading />
      ) : duels.length === 0 ? (
        <Empty title={t('duels.emptyTitle')}>{t('duels.emptyText')}</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="duels">
          {duels.map((d) => (
            <DuelCard
              key={d.id}
              duel={d}
              unit={(cands?.metrics.find((m) => m.key === d.metricKey)?.unit ?? 'SCORE') as MetricUnit}
              metricLabel={cands?.metrics.find((m) => m.key === d.metricKey)?.label ?? d.metricKey}
            />
          ))}
        </SimpleGrid>
      )}
      <Group justify="space-between" wrap="wrap" mt="md" align="flex-end">
        <Title order={2} size="h4">
          {t('duels.seasonTitle')}
        </Title>
        <Group gap="xs" wrap="wrap" align="flex-end">
          <NativeSelect label={t('duels.season')} value={chosenSeason} onChange={(e) => setSeason(e.currentTarget.value)} data={seasons} />
          <SegmentedControl
            value={entityType}
            onChange={(v) => setEntityType(v as RankingScope)}
            data={[
              { value: 'SQUAD', label: t('board.scope.SQUAD') },
              { value: 'MEMBER', label: t('board.scope.MEMBER') },
            ]}
            aria-label={t('duels.sides')}
          />
        </Group>
      </Group>
      {tableError && !table ? (
        <QueryError error={tableError} onRetry={() => refetchTable({ requestPolicy: 'network-only' })} />
      ) : !table ? (
        <Loading />
      ) : table.duelSeason.length === 0 ? (
        <Empty title={t('duels.seasonEmpty', { season: chosenSeason })} />
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table striped data-testid="season-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('duels.team')}</Table.Th>
                <Table.Th ta="right">{t('duels.points')}</Table.Th>
                <Table.Th ta="right">{t('duels.wins')}</Table.Th>
                <Table.Th ta="right">{t('duels.draws')}</Table.Th>
                <Table.Th ta="right">{t('duels.losses')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.duelSeason.map((r, i) => (
                <Table.Tr key={r.entity.id}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>{r.entity.name}</Table.Td>
                  <Table.Td ta="right" fw={700}>
                    {r.points}
                  </Table.Td>
                  <Table.Td ta="right">{r.wins}</Table.Td>
                  <Table.Td ta="right">{r.draws}</Table.Td>
                  <Table.Td ta="right">{r.losses}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function DuelCard({ duel: d, unit, metricLabel }: { duel: DuelFieldsFragment; unit: MetricUnit; metricLabel: string }) {
  const { t } = useTranslation();
  const value = useValueFormat(unit);
  // One line per side (name left, score right) with "vs" between: long scores in any locale fit
  // a narrow card without overlapping or breaking inside a number.
  const side = (s: DuelFieldsFragment['a'], key: 'A' | 'B') => {
    const leads = d.winner === key;
    return (
      <Group justify="space-between" gap="sm" wrap="nowrap" align="baseline">
        <Text fw={leads ? 800 : 500} truncate style={{ minWidth: 0 }}>
          {s.name}
        </Text>
        <Text fz="xl" fw={800} c={leads ? 'teal.9' : undefined} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', flexShrink: 0 }}>
          {value(s.value)}
        </Text>
      </Group>
    );
  };
  const result =
    d.winner == null
      ? t('duels.noContest')
      : d.winner === 'DRAW'
        ? t('duels.draw')
        : t(d.status === 'FINAL' ? 'duels.won' : 'duels.leads', { name: d.winner === 'A' ? d.a.name : d.b.name });
  return (
    <Card withBorder radius="md" padding="sm" data-testid="duel">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed">
            {metricLabel} · {d.period.label}
            {d.season ? ` · ${d.season}` : ''}
          </Text>
          <SoftBadge color={STATUS_COLOR[d.status]!} style={{ flexShrink: 0 }}>
            {t(`duels.status.${d.status}`)}
          </SoftBadge>
        </Group>
        <Stack gap={0}>
          {side(d.a, 'A')}
          <Text size="xs" c="dimmed" fw={700} aria-hidden>
            {t('duels.vs')}
          </Text>
          {side(d.b, 'B')}
        </Stack>
        <Text size="sm">{result}</Text>
      </Stack>
    </Card>
  );
}

interface Candidates {
  squads: { id: string; name: string }[];
  users: { nodes: { id: string; name: string; squad?: { name: string } | null }[] };
  metrics: { key: string; label: string; entityTypes: string[] }[];
}

function CreateDuelForm({ candidates, defaultSeason, onDone }: { candidates: Candidates; defaultSeason: string; onDone: (d: DuelFieldsFragment) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [entityType, setEntityType] = useState<RankingScope>('MEMBER');
  const [aId, setA] = useState('');
  const [bId, setB] = useState('');
  const [metricKey, setMetric] = useState('');
  const [kind, setKind] = useState<PeriodKind>('ISO_WEEK');
  const [start, setStart] = useState(fmt.localToday);
  const [season, setSeason] = useState(defaultSeason);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [{ fetching, error }, create] = useMutation(CreateDuelDoc);
  const sides =
    entityType === 'SQUAD'
      ? candidates.squads.map((s) => ({ value: s.id, label: s.name }))
      : candidates.users.nodes.map((u) => ({ value: u.id, label: u.squad ? `${u.name} (${u.squad.name})` : u.name }));
  const metrics = candidates.metrics.filter((m) => m.entityTypes.includes(entityType));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!aId) problems.aId = t('duels.chooseSide');
    if (!bId) problems.bId = t('duels.chooseSide');
    else if (aId === bId) problems.bId = t('duels.sameSide');
    if (!metricKey) problems.metricKey = t('duels.chooseMetric');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) problems.start = t('duels.chooseStart');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const res = await create({ input: { entityType, aId, bId, metricKey, period: { kind, start }, season: season.trim() || null } });
    if (res.data?.createDuel) onDone(res.data.createDuel);
  };
  const placeholder = { value: '', label: t('duels.choose') };
  return (
    <Card withBorder radius="md" padding="md">
      <form onSubmit={submit} noValidate data-testid="create-duel-form">
        <Stack gap="sm">
          <SegmentedControl
            value={entityType}
            onChange={(v) => {
              setEntityType(v as RankingScope);
              setA('');
              setB('');
              setMetric('');
            }}
            data={[
              { value: 'MEMBER', label: t('board.scope.MEMBER') },
              { value: 'SQUAD', label: t('board.scope.SQUAD') },
            ]}
            aria-label={t('duels.sides')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('duels.sideA')}
              value={aId}
              onChange={(e) => setA(e.currentTarget.value)}
              data={[placeholder, ...sides]}
              error={local.aId ?? errorFor(error, 'aId')}
              required
            />
            <NativeSelect
              label={t('duels.sideB')}
              value={bId}
              onChange={(e) => setB(e.currentTarget.value)}
              data={[placeholder, ...sides]}
              error={local.bId ?? errorFor(error, 'bId')}
              required
            />
            <NativeSelect
              label={t('duels.metric')}
              value={metricKey}
              onChange={(e) => setMetric(e.currentTarget.value)}
              data={[placeholder, ...metrics.map((m) => ({ value: m.key, label: m.label }))]}
              error={local.metricKey ?? errorFor(error, 'metricKey')}
              required
            />
            <NativeSelect
              label={t('duels.periodKind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as PeriodKind)}
              data={(['DAY', 'ISO_WEEK', 'MONTH', 'QUARTER'] as const).map((k) => ({ value: k, label: t(`periodKind.${k}`) }))}
              error={errorFor(error, 'kind')}
            />
            <TextInput
              type="date"
              label={t('duels.periodStart')}
              description={t('duels.periodStartHint')}
              value={start}
              onChange={(e) => setStart(e.currentTarget.value)}
              error={local.start ?? errorFor(error, 'start')}
              required
            />
            <TextInput
              label={t('duels.season')}
              value={season}
              onChange={(e) => setSeason(e.currentTarget.value)}
              maxLength={40}
              error={errorFor(error, 'season')}
            />
          </SimpleGrid>
          {formMessage(error, ['aId', 'bId', 'metricKey', 'kind', 'start', 'season']) && (
            <Alert color="red" role="alert">
              {formMessage(error, ['aId', 'bId', 'metricKey', 'kind', 'start', 'season'])}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={fetching}>
              {t('duels.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
