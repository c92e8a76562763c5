import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Grid,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import { useViewer } from '../../auth/viewer';
import type { BoardDefinitionFieldsFragment, NumbersCatalogQuery, PreviewLeaderboardInput, PreviewLeaderboardQuery } from '../../gql/graphql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { SoftBadge } from '../board/SoftBadge';
import { BAND_COLOR, unrankedReasonOf, type Band } from '../board/standings';
import { useValueFormat, type MetricUnit } from '../board/valueFormat';
import { draftOf, draftProblems, EMPTY_DRAFT, populationInput, rulesInput, type Draft, type Problem } from './boardDraft';
import { ScrollTable } from './ScrollTable';
import { BoardDefinitionsDoc, BoardSetupDoc, CreateBoardDoc, NumbersCatalogDoc, PreviewLeaderboardDoc, UpdateBoardDoc } from './operations';

type Metric = NumbersCatalogQuery['metrics'][number];
const PERIODS = ['DAY', 'ISO_WEEK', 'MONTH', 'QUARTER'] as const;
const PREVIEW_ROWS = 12;

/** Leaderboard definitions: the list, and a form to create or edit one with a live preview. */
export default function Boards() {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: BoardDefinitionsDoc });
  const [{ data: catalog }] = useQuery({ query: NumbersCatalogDoc });
  const [editing, setEditing] = useState<BoardDefinitionFieldsFragment | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const metricLabel = (key: string) => catalog?.metrics.find((m) => m.key === key)?.label ?? key;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 260px' }}>
          {t('numbers.boards.intro')}
        </Text>
        {!editing && (
          <Button
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
            data-testid="new-board"
          >
            {t('numbers.boards.create')}
          </Button>
        )}
      </Group>
      {notice && (
        <Text role="status" c="teal.9" size="sm" fw={600}>
          {notice}
        </Text>
      )}
      {editing && catalog && (
        <BoardForm
          key={editing === 'new' ? 'new' : editing.id}
          definition={editing === 'new' ? null : editing}
          metrics={catalog.metrics}
          onCancel={() => setEditing(null)}
          onSaved={(d, created) => {
            setEditing(null);
            setNotice(t(created ? 'numbers.boards.created' : 'numbers.boards.updated', { name: d.name, version: d.current.version }));
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      <Title order={2} size="h4">
        {t('numbers.boards.listTitle')}
      </Title>
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading />
      ) : data.leaderboardDefinitions.length === 0 ? (
        <Empty title={t('numbers.boards.emptyTitle')}>{t('numbers.boards.emptyText')}</Empty>
      ) : (
        <ScrollTable minWidth={640} label={t('numbers.boards.listTitle')}>
          <Table striped data-testid="board-definitions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('numbers.boards.name')}</Table.Th>
                <Table.Th>{t('numbers.boards.metric')}</Table.Th>
                <Table.Th>{t('numbers.boards.population')}</Table.Th>
                <Table.Th>{t('numbers.boards.period')}</Table.Th>
                <Table.Th>{t('numbers.boards.bandsShort')}</Table.Th>
                <Table.Th ta="right">{t('numbers.boards.version')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('numbers.boards.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.leaderboardDefinitions.map((d) => (
                <Table.Tr key={d.id} data-testid="board-definition">
                  <Table.Td fw={600}>{d.name}</Table.Td>
                  <Table.Td>
                    {d.current.components?.length
                      ? d.current.components.map((c) => `${metricLabel(c.metricKey)} × ${c.weight}`).join(' + ')
                      : metricLabel(d.current.metricKey ?? '')}
                  </Table.Td>
                  <Table.Td>
                    {t(`board.scope.${d.scope}`)} · {d.populationName ?? t('board.wholeOrganization')}
                  </Table.Td>
                  <Table.Td>{t(`periodKind.${d.periodKind}`)}</Table.Td>
                  <Table.Td>{`${d.current.topPct} / ${100 - d.current.topPct - d.current.bottomPct} / ${d.current.bottomPct}`}</Table.Td>
                  <Table.Td ta="right">{d.current.version}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => {
                        setNotice(null);
                        setEditing(d);
                      }}
                      aria-label={t('numbers.boards.editNamed', { name: d.name })}
                    >
                      {t('numbers.boards.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** Debounces a value: the latest one after `ms` without changes. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

function BoardForm({
  definition,
  metrics,
  onCancel,
  onSaved,
}: {
  definition: BoardDefinitionFieldsFragment | null;
  metrics: Metric[];
  onCancel: () => void;
  onSaved: (d: BoardDefinitionFieldsFragment, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const { me } = useViewer();
  const [{ data: setup }] = useQuery({ query: BoardSetupDoc });
  const [raw, setDraft] = useState<Draft>(() => (definition ? draftOf(definition) : EMPTY_DRAFT));
  const [tried, setTried] = useState(false);
  const [{ fetching: creating, error: createError }, create] = useMutation(CreateBoardDoc);
  const [{ fetching: updating, error: updateError }, update] = useMutation(UpdateBoardDoc);
  const saveError = definition ? updateError : createError;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const isRate = (key: string) => metrics.find((m) => m.key === key)?.isRate ?? false;

  // Populations the caller may build boards for: an admin any (and the whole organization), a
  // manager the legions they command and their squads.
  const populations = useMemo(() => {
    const mine = (commanderId: string | null | undefined) => me.role === 'ADMIN' || commanderId === me.id;
    const legions = (setup?.legions ?? []).filter((l) => l.kind === raw.teamKind && mine(l.commanderId));
    const squads = (setup?.squads ?? []).filter((s) => s.legion.kind === raw.teamKind && mine(s.legion.commanderId));
    return [
      ...(me.role === 'ADMIN' ? [{ value: 'ORG', label: t('board.wholeOrganization') }] : []),
      ...legions.map((l) => ({ value: `LEGION:${l.id}`, label: t('numbers.boards.legionNamed', { name: l.name }) })),
      ...squads.map((s) => ({ value: `SQUAD:${s.id}`, label: t('numbers.boards.squadNamed', { name: s.name, legion: s.legion.name }) })),
    ];
  }, [setup, raw.teamKind, me, t]);
  // Until one is chosen (or when the choice is not offered for the team type): the first population offered.
  const draft: Draft = definition || populations.some((p) => p.value === raw.population) ? raw : { ...raw, population: populations[0]?.value ?? '' };

  const usable = metrics.filter((m) => m.teamKind === draft.teamKind && m.entityTypes.includes(draft.scope));
  const metricOptions = [{ value: '', label: t('numbers.boards.chooseMetric') }, ...usable.map((m) => ({ value: m.key, label: m.label }))];
  const local = draftProblems(draft, isRate, false);
  const saveProblems = draftProblems(draft, isRate, true);
  const say = (p: Problem | undefined) => (p ? t(`numbers.boards.problem.${p.key}`, p.values) : undefined);

  // The live preview: the board this draft would produce now (debounced while typing).
  const previewInput: PreviewLeaderboardInput | null =
    Object.keys(local).length === 0
      ? {
          name: draft.name.trim() || null,
          scope: draft.scope,
          teamKind: draft.teamKind,
          periodKind: draft.periodKind,
          ...populationInput(draft.population),
          ...rulesInput(draft),
        }
      : null;
  const key = JSON.stringify(previewInput);
  const debouncedKey = useDebounced(key, 400);
  const debounced = useMemo(() => (debouncedKey === 'null' ? null : (JSON.parse(debouncedKey) as PreviewLeaderboardInput)), [debouncedKey]);
  const [{ data: preview, error: previewError, fetching: previewing }] = useQuery({
    query: PreviewLeaderboardDoc,
    variables: { input: debounced! },
    pause: !debounced,
  });
  const fieldError = (name: string) =>
    say(local[name]) ??
    (tried ? say(saveProblems[name]) : undefined) ??
    errorFor(saveError, name) ??
    (debounced && key === debouncedKey ? errorFor(previewError, name) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(saveProblems).length) return;
    if (definition) {
      const res = await update({ id: definition.id, input: { name: draft.name.trim(), ...rulesInput(draft) } });
      if (res.data?.updateLeaderboard) onSaved(res.data.updateLeaderboard, false);
    } else {
      const res = await create({
        input: {
          name: draft.name.trim(),
          scope: draft.scope,
          teamKind: draft.teamKind,
          periodKind: draft.periodKind,
          ...populationInput(draft.population),
          ...rulesInput(draft),
        },
      });
      if (res.data?.createLeaderboard) onSaved(res.data.createLeaderboard, true);
    }
  };
  const fields = [
    'name',
    'scope',
    'teamKind',
    'populationId',
    'periodKind',
    'metricKey',
    'components',
    'windowPeriods',
    'minDenominator',
    'shrinkageK',
    'topPct',
    'bottomPct',
    'watchStreak',
  ];
  const message = formMessage(saveError, fields);
  const fixed = definition != null;

  return (
    <Card withBorder radius="md" padding="md">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <form onSubmit={submit} noValidate data-testid="board-form" aria-labelledby="board-form-title">
            <Stack gap="sm">
              <Title order={2} size="h4" id="board-form-title">
                {definition ? t('numbers.boards.editTitle', { name: definition.name }) : t('numbers.boards.newTitle')}
              </Title>
              <TextInput
                label={t('numbers.boards.name')}
                value={draft.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={fieldError('name')}
                required
                data-autofocus
                name="name"
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <Stack gap={4}>
                  <Text size="sm" fw={700} id="board-scope-label">
                    {t('numbers.boards.ranks')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="board-scope-label"
                    value={draft.scope}
                    disabled={fixed}
                    onChange={(v) => setDraft((d) => ({ ...d, scope: v as Draft['scope'], metricKey: '' }))}
                    data={[
                      { value: 'MEMBER', label: t('board.scope.MEMBER') },
                      { value: 'SQUAD', label: t('board.scope.SQUAD') },
                    ]}
                  />
                </Stack>
                <Stack gap={4}>
                  <Text size="sm" fw={700} id="board-kind-label">
                    {t('numbers.boards.teamKind')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="board-kind-label"
                    value={draft.teamKind}
                    disabled={fixed}
                    onChange={(v) => setDraft((d) => ({ ...d, teamKind: v as Draft['teamKind'], metricKey: '', population: '' }))}
                    data={[
                      { value: 'PRE_SALES', label: t('numbers.teamKind.PRE_SALES') },
                      { value: 'COURSE_SERVICE', label: t('numbers.teamKind.COURSE_SERVICE') },
                    ]}
                  />
                </Stack>
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <NativeSelect
                  label={t('numbers.boards.population')}
                  value={draft.population}
                  disabled={fixed}
                  onChange={(e) => set('population', e.currentTarget.value)}
                  data={
                    fixed
                      ? [{ value: draft.population, label: definition.populationName ?? t('board.wholeOrganization') }]
                      : populations.length
                        ? populations
                        : [{ value: '', label: t('numbers.boards.noPopulation') }]
                  }
                  error={fieldError('populationId')}
                  name="population"
                />
                <NativeSelect
                  label={t('numbers.boards.period')}
                  value={draft.periodKind}
                  disabled={fixed}
                  onChange={(e) => set('periodKind', e.currentTarget.value as Draft['periodKind'])}
                  data={PERIODS.map((p) => ({ value: p, label: t(`periodKind.${p}`) }))}
                  error={fieldError('periodKind')}
                  name="periodKind"
                />
              </SimpleGrid>
              <Stack gap={4}>
                <Text size="sm" fw={700} id="board-mode-label">
                  {t('numbers.boards.rankOn')}
                </Text>
                <SegmentedControl
                  aria-labelledby="board-mode-label"
                  value={draft.mode}
                  onChange={(v) => set('mode', v as Draft['mode'])}
                  data={[
                    { value: 'single', label: t('numbers.boards.single') },
                    { value: 'composite', label: t('numbers.boards.composite') },
                  ]}
                  data-testid="board-mode"
                />
              </Stack>
              {draft.mode === 'single' ? (
                <NativeSelect
                  label={t('numbers.boards.metric')}
                  value={draft.metricKey}
                  onChange={(e) => set('metricKey', e.currentTarget.value)}
                  data={metricOptions}
                  error={fieldError('metricKey')}
                  description={usable.find((m) => m.key === draft.metricKey)?.definition}
                  name="metricKey"
                />
              ) : (
                <Stack gap={6} role="group" aria-labelledby="board-components-label">
                  <Text size="sm" fw={700} id="board-components-label">
                    {t('numbers.boards.components')}
                  </Text>
                  {draft.components.map((c, i) => (
                    <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
                      <NativeSelect
                        style={{ flex: 1, minWidth: 0 }}
                        label={t('numbers.boards.componentMetric', { n: i + 1 })}
                        value={c.metricKey}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setDraft((d) => ({ ...d, components: d.components.map((x, j) => (j === i ? { ...x, metricKey: v } : x)) }));
                        }}
                        data={metricOptions}
                      />
                      <TextInput
                        w={90}
                        label={t('numbers.boards.weight')}
                        inputMode="decimal"
                        value={c.weight}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setDraft((d) => ({ ...d, components: d.components.map((x, j) => (j === i ? { ...x, weight: v } : x)) }));
                        }}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        mb={2}
                        disabled={draft.components.length <= 2}
                        onClick={() => setDraft((d) => ({ ...d, components: d.components.filter((_, j) => j !== i) }))}
                        aria-label={t('numbers.boards.removeComponent', { n: i + 1 })}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  ))}
                  {fieldError('components') && (
                    <Text size="xs" c="red.8" role="alert">
                      {fieldError('components')}
                    </Text>
                  )}
                  <Button
                    variant="light"
                    size="compact-sm"
                    w="fit-content"
                    disabled={draft.components.length >= 8}
                    onClick={() => setDraft((d) => ({ ...d, components: [...d.components, { metricKey: '', weight: '1' }] }))}
                  >
                    {t('numbers.boards.addComponent')}
                  </Button>
                </Stack>
              )}
              <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm">
                <TextInput
                  label={t('numbers.boards.topPct')}
                  inputMode="numeric"
                  value={draft.topPct}
                  onChange={(e) => set('topPct', e.currentTarget.value)}
                  error={fieldError('topPct')}
                  name="topPct"
                />
                <TextInput
                  label={t('numbers.boards.bottomPct')}
                  inputMode="numeric"
                  value={draft.bottomPct}
                  onChange={(e) => set('bottomPct', e.currentTarget.value)}
                  error={fieldError('bottomPct')}
                  name="bottomPct"
                />
                <TextInput
                  label={t('numbers.boards.windowPeriods')}
                  inputMode="numeric"
                  value={draft.windowPeriods}
                  onChange={(e) => set('windowPeriods', e.currentTarget.value)}
                  error={fieldError('windowPeriods')}
                  name="windowPeriods"
                />
                <TextInput
                  label={t('numbers.boards.minDenominator')}
                  inputMode="numeric"
                  placeholder={t('numbers.boards.none')}
                  value={draft.minDenominator}
                  onChange={(e) => set('minDenominator', e.currentTarget.value)}
                  error={fieldError('minDenominator')}
                  name="minDenominator"
                />
                <TextInput
                  label={t('numbers.boards.shrinkageK')}
                  inputMode="decimal"
                  placeholder={t('numbers.boards.off')}
                  value={draft.shrinkageK}
                  onChange={(e) => set('shrinkageK', e.currentTarget.value)}
                  error={fieldError('shrinkageK')}
                  name="shrinkageK"
                />
                <TextInput
                  label={t('numbers.boards.watchStreak')}
                  inputMode="numeric"
                  value={draft.watchStreak}
                  onChange={(e) => set('watchStreak', e.currentTarget.value)}
                  error={fieldError('watchStreak')}
                  name="watchStreak"
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('numbers.boards.rulesHint')}
              </Text>
              {message && (
                <Alert color="red" role="alert">
                  {message}
                </Alert>
              )}
              <Group gap="xs">
                <Button type="submit" loading={creating || updating} data-testid="save-board">
                  {definition ? t('numbers.boards.saveVersion') : t('numbers.boards.save')}
                </Button>
                <Button variant="default" onClick={onCancel}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <PreviewPanel
            input={debounced}
            stale={key !== debouncedKey || previewing}
            data={preview?.previewLeaderboard ?? null}
            error={previewError && !Object.keys(local).length ? previewError : undefined}
            unit={(draft.mode === 'single' ? (metrics.find((m) => m.key === draft.metricKey)?.unit ?? 'SCORE') : 'SCORE') as MetricUnit}
            waiting={Object.keys(local).length > 0}
          />
        </Grid.Col>
      </Grid>
    </Card>
  );
}

type PreviewData = PreviewLeaderboardQuery['previewLeaderboard'];

function PreviewPanel({
  input,
  stale,
  data,
  error,
  unit,
  waiting,
}: {
  input: PreviewLeaderboardInput | null;
  stale: boolean;
  data: PreviewData | null;
  error: CombinedError | undefined;
  unit: MetricUnit;
  waiting: boolean;
}) {
  const { t } = useTranslation();
  const value = useValueFormat(unit);
  const ratio = useValueFormat('RATIO');
  return (
    <Stack gap="xs" data-testid="board-preview" aria-busy={stale} aria-labelledby="board-preview-title">
      <Group justify="space-between" gap="xs">
        <Title order={2} size="h4" id="board-preview-title">
          {t('numbers.boards.previewTitle')}
        </Title>
        {data && !waiting && (
          <Text size="xs" c="dimmed">
            {t('numbers.boards.previewPeriod', { label: data.period.label })}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('numbers.boards.previewHint')}
      </Text>
      {waiting || !input ? (
        <Empty title={t('numbers.boards.previewWaiting')} />
      ) : error ? (
        <Alert color="red" role="alert" data-testid="preview-error">
          {formMessage(error, []) ?? t('numbers.boards.previewFailed')}
        </Alert>
      ) : !data ? (
        <Loading />
      ) : (
        <Stack gap="xs" style={{ opacity: stale ? 0.6 : 1 }}>
          <Group gap={6} aria-label={t('leaderboard.bandsLabel')} role="group">
            {(['TOP', 'MIDDLE', 'BOTTOM', 'UNRANKED'] as Band[]).map((b) => (
              <SoftBadge key={b} color={BAND_COLOR[b]}>
                {t(`leaderboard.band.${b}`)}: {data.bands[b.toLowerCase() as 'top']}
              </SoftBadge>
            ))}
          </Group>
          <Text size="xs">
            {t('leaderboard.bandRule', {
              top: input.topPct,
              middle: 100 - (input.topPct ?? 0) - (input.bottomPct ?? 0),
              bottom: input.bottomPct,
            })}
            {data.populationRate != null ? ` ${t('leaderboard.shrunkRule', { rate: ratio(data.populationRate) })}` : ''}
          </Text>
          {data.entries.length === 0 ? (
            <Empty title={t('leaderboard.noEntriesTitle')}>{t('leaderboard.noEntriesText')}</Empty>
          ) : (
            <ScrollTable minWidth={320} label={t('numbers.boards.previewTitle')}>
              <Table striped data-testid="preview-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('leaderboard.col.rank')}</Table.Th>
                    <Table.Th>{t('leaderboard.col.name')}</Table.Th>
                    <Table.Th>{t('leaderboard.col.band')}</Table.Th>
                    <Table.Th ta="right">{t('leaderboard.col.value')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.entries.slice(0, PREVIEW_ROWS).map((e) => {
                    const reason = unrankedReasonOf(e.unrankedReason);
                    return (
                      <Table.Tr key={e.entity.id} data-testid="preview-row">
                        <Table.Td>{e.rank ?? '—'}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{e.entity.name}</Text>
                          {reason && (
                            <Text size="xs" c="dimmed">
                              {t(`leaderboard.unranked.${['BELOW_MIN_SAMPLE', 'MISSING_VALUE', 'ON_LEAVE'].includes(reason.code) ? reason.code : 'OTHER'}`)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <SoftBadge color={BAND_COLOR[e.band as Band]}>{t(`leaderboard.band.${e.band}`)}</SoftBadge>
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                          {value(e.value)}
                          {(e.denominator != null || e.adjustedValue != null) && (
                            <Text size="xs" c="dimmed">
                              {e.denominator != null && <span title={t('leaderboard.ratioTitle')}>{`${e.numerator ?? 0} / ${e.denominator}`}</span>}
                              {e.denominator != null && e.adjustedValue != null && ' · '}
                              {e.adjustedValue != null && t('leaderboard.shrunkShort', { value: value(e.adjustedValue) })}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {data.entries.length > PREVIEW_ROWS && (
            <Text size="xs" c="dimmed">
              {t('numbers.boards.previewMore', { count: data.entries.length - PREVIEW_ROWS })}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
