import { Button, Card, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SoftBadge } from './SoftBadge';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useFormat } from '../../auth/viewer';
import type { CoachingPlanFieldsFragment, CoachingStatus } from '../../gql/graphql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { EditPlanDialog, OpenPlanDialog, OutcomeDialog } from './CoachingDialogs';
import { BoardListDoc, CoachingPlansDoc, WatchListDoc } from './operations';
import { useValueFormat, type MetricUnit } from './valueFormat';

/** A local date (YYYY-MM-DD) as the language writes it, e.g. 18 Dec 2026. */
function localDay(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** The watch list of a rep board (bottom band K closed periods running) and the coaching plans. */
export default function WatchList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [{ data: list, error: listError }, refetchList] = useQuery({ query: BoardListDoc });
  const repBoards = (list?.leaderboardDefinitions ?? []).filter((b) => b.scope === 'MEMBER');
  const board = repBoards.find((b) => b.id === params.get('board')) ?? repBoards[0] ?? null;
  const [{ data, error, fetching }, refetch] = useQuery({ query: WatchListDoc, variables: { definitionId: board?.id ?? '' }, pause: !board });
  const [status, setStatus] = useState<CoachingStatus>('OPEN');
  const [{ data: plans, error: plansError }, refetchPlans] = useQuery({ query: CoachingPlansDoc, variables: { status } });
  const [{ data: openPlans }, refetchOpenPlans] = useQuery({ query: CoachingPlansDoc, variables: { status: 'OPEN' } });
  const [opening, setOpening] = useState<{ id: string; name: string } | null>(null);
  const [editing, setEditing] = useState<CoachingPlanFieldsFragment | null>(null);
  const [closing, setClosing] = useState<CoachingPlanFieldsFragment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = () => {
    refetchList({ requestPolicy: 'network-only' });
    if (board) refetch({ requestPolicy: 'network-only' });
    refetchPlans({ requestPolicy: 'network-only' });
    refetchOpenPlans({ requestPolicy: 'network-only' });
  };
  useRefetchOnRetry(reload);
  const metric = list?.metrics.find((m) => m.key === board?.current.metricKey);
  const value = useValueFormat((metric?.unit ?? 'SCORE') as MetricUnit);
  const fmt = useFormat();

  if (listError && !list) return <QueryError error={listError} onRetry={reload} />;
  if (!list) return <Loading />;
  if (!board) return <Empty title={t('coaching.noRepBoardsTitle')}>{t('coaching.noRepBoardsText')}</Empty>;
  const planById = new Map((openPlans?.coachingPlans ?? []).map((p) => [p.id, p]));

  const watch = () => {
    if (error && !data) return <QueryError error={error} onRetry={reload} />;
    if (!data || fetching) return <Loading />;
    const w = data.watchList;
    if (w.entries.length === 0)
      return (
        <Empty title={t('coaching.watchEmptyTitle')}>
          {w.asOf ? t('coaching.watchEmptyText', { count: w.watchStreak, asOf: w.asOf }) : t('coaching.noClosedPeriod')}
        </Empty>
      );
    return (
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="watch-list">
        {w.entries.map((e) => (
          <Card key={e.entity.id} component="li" withBorder radius="md" padding="sm" data-testid="watch-entry">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 200px' }}>
                <Text fw={600}>{e.entity.name}</Text>
                <Group gap={6} wrap="wrap">
                  <Text size="sm" fw={700} c="red.9">
                    {t('coaching.streak', { count: e.bottomStreak })}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {e.lastRank != null ? t('coaching.lastRank', { rank: e.lastRank }) : t('leaderboard.notEligible')} · {value(e.lastValue)}
                  </Text>
                </Group>
              </Stack>
              {e.openCoachingPlanId ? (
                <Button
                  variant="light"
                  onClick={() => {
                    const p = planById.get(e.openCoachingPlanId!);
                    if (p) setEditing(p);
                  }}
                  disabled={!planById.has(e.openCoachingPlanId)}
                >
                  {t('coaching.viewPlan')}
                </Button>
              ) : (
                <Button onClick={() => setOpening(e.entity)} data-testid="open-plan">
                  {t('coaching.open')}
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  };

  const planList = () => {
    if (plansError && !plans) return <QueryError error={plansError} onRetry={reload} />;
    if (!plans) return <Loading />;
    if (plans.coachingPlans.length === 0) return <Empty title={status === 'OPEN' ? t('coaching.noOpenPlans') : t('coaching.noClosedPlans')} />;
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="coaching-plans">
        {plans.coachingPlans.map((p) => {
          const overdue = p.status === 'OPEN' && p.reviewDate < fmt.localToday;
          return (
            <Card key={p.id} withBorder radius="md" padding="sm" data-testid="coaching-plan">
              <Stack gap={6}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text fw={600} truncate>
                    {p.subject.name}
                  </Text>
                  {p.status === 'OPEN' ? (
                    <SoftBadge color={overdue ? 'orange' : 'blue'}>
                      {overdue
                        ? t('coaching.reviewOverdue', { date: localDay(p.reviewDate, fmt.locale) })
                        : t('coaching.reviewOn', { date: localDay(p.reviewDate, fmt.locale) })}
                    </SoftBadge>
                  ) : (
                    <SoftBadge color={p.outcome === 'IMPROVED' ? 'teal' : 'gray'}>{t(`coaching.outcomes.${p.outcome}`)}</SoftBadge>
                  )}
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  <Text span fw={600} size="sm">
                    {t('coaching.goals')}:{' '}
                  </Text>
                  {p.goals}
                </Text>
                {p.notes && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {p.notes}
                  </Text>
                )}
                {p.outcomeNotes && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {p.outcomeNotes}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t('coaching.openedOn', { date: fmt.dateTime(p.createdAt) })}
                  {p.bottomStreakAtOpen != null ? ` · ${t('coaching.streak', { count: p.bottomStreakAtOpen })}` : ''}
                </Text>
                {p.status === 'OPEN' && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(p)}>
                      {t('coaching.edit')}
                    </Button>
                    <Button size="xs" onClick={() => setClosing(p)} data-testid="record-outcome">
                      {t('coaching.recordOutcome')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    );
  };

  return (
    <Stack gap="md">
      <NativeSelect
        label={t('leaderboard.board')}
        value={board.id}
        onChange={(e) => setParams({ board: e.currentTarget.value }, { replace: true })}
        data={repBoards.map((b) => ({ value: b.id, label: b.name }))}
        maw={520}
      />
      <Text size="sm" c="dimmed">
        {t('coaching.watchIntro', { count: data?.watchList.watchStreak ?? board.current.watchStreak })}
        {data?.watchList.asOf ? ` ${t('coaching.asOf', { label: data.watchList.asOf })}` : ''}
      </Text>
      {notice && (
        <Text role="status" c="teal.9" size="sm" fw={600}>
          {notice}
        </Text>
      )}
      {watch()}
      <Group justify="space-between" wrap="wrap" mt="md">
        <Title order={2} size="h4">
          {t('coaching.plansTitle')}
        </Title>
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as CoachingStatus)}
          data={[
            { value: 'OPEN', label: t('coaching.statusOpen') },
            { value: 'CLOSED', label: t('coaching.statusClosed') },
          ]}
          aria-label={t('coaching.plansTitle')}
        />
      </Group>
      {planList()}
      <OpenPlanDialog
        subject={opening}
        definitionId={board.id}
        onClose={() => setOpening(null)}
        onDone={(p) => {
          setOpening(null);
          setNotice(t('coaching.opened', { name: p.subject.name }));
          setStatus('OPEN');
          reload();
        }}
      />
      <EditPlanDialog
        plan={editing}
        onClose={() => setEditing(null)}
        onDone={(p) => {
          setEditing(null);
          setNotice(t('coaching.saved', { name: p.subject.name }));
          reload();
        }}
      />
      <OutcomeDialog
        plan={closing}
        onClose={() => setClosing(null)}
        onDone={(p) => {
          setClosing(null);
          setNotice(t('coaching.closed', { name: p.subject.name }));
          reload();
        }}
      />
    </Stack>
  );
}
