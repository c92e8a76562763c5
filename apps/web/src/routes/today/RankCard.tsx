import { Badge, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useFormat, useViewer } from '../../auth/viewer';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Loading, QueryError } from '../../ui/states';
import { MyBoardsDoc, MyOnTimeDoc, MyStandingDoc } from './operations';
import { isoWeekRange } from '../../lib/format';

const BAND_COLOR: Record<string, string> = { TOP: 'green', MIDDLE: 'blue', BOTTOM: 'red', UNRANKED: 'gray' };
const boardKey = (userId: string) => `squadops.today.board.${userId}`;

/** My place on a rep board this period: rank of N, band, movement since the last period. */
export function RankCard() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const fmt = useFormat();
  const [{ data: boards, error: boardsError }, refetchBoards] = useQuery({ query: MyBoardsDoc });
  const memberBoards = (boards?.leaderboardDefinitions.filter((b) => b.scope === 'MEMBER') ?? []).sort((a, b) => a.name.localeCompare(b.name));
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(boardKey(me.id)));
  const boardId = memberBoards.find((b) => b.id === chosen)?.id ?? memberBoards[0]?.id ?? null;
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyStandingDoc, variables: { definitionId: boardId ?? '' }, pause: !boardId });
  useRefetchOnRetry(() => {
    refetchBoards({ requestPolicy: 'network-only' });
    if (boardId) refetch({ requestPolicy: 'network-only' });
  });
  useEffect(() => {
    if (chosen) localStorage.setItem(boardKey(me.id), chosen);
  }, [chosen, me.id]);

  const body = () => {
    if (boardsError && !boards) return <QueryError error={boardsError} />;
    if (!boards) return <Loading />;
    if (memberBoards.length === 0)
      return (
        <Text size="sm" c="dimmed">
          {t('rank.noBoards')}
        </Text>
      );
    if (error && !data) return <QueryError error={error} />;
    if (!data || fetching) return <Loading />;
    const board = data.leaderboard;
    const ranked = board.bands.top + board.bands.middle + board.bands.bottom;
    const mine = board.mine;
    if (!mine)
      return (
        <Text size="sm" c="dimmed">
          {t('rank.notOnBoard')}
        </Text>
      );
    const unit = boards.metrics.find((m) => m.key === board.rules.metricKey)?.unit;
    const value =
      mine.value == null ? '—' : unit === 'MONEY' ? fmt.money(mine.value) : unit === 'RATIO' ? fmt.percent(mine.value, 1) : fmt.number(mine.value, 2);
    const delta = mine.rankDelta;
    return (
      <Stack gap={6} data-testid="rank-card">
        <Group justify="space-between" align="flex-end">
          <Text fz={32} fw={800} lh={1}>
            {mine.rank != null ? t('rank.rankOf', { rank: mine.rank, total: ranked }) : t('rank.unranked')}
          </Text>
          <Badge color={BAND_COLOR[mine.band]} size="lg">
            {t(`band.${mine.band}`)}
          </Badge>
        </Group>
        <Group gap="md">
          <Text size="sm" c={delta == null || delta === 0 ? 'dimmed' : delta > 0 ? 'teal.9' : 'red.9'} fw={600}>
            {delta == null ? t('rank.new') : delta > 0 ? t('rank.up', { count: delta }) : delta < 0 ? t('rank.down', { count: -delta }) : t('rank.same')}
          </Text>
          <Text size="sm">{value}</Text>
        </Group>
        {mine.unrankedReason && (
          <Text size="xs" c="dimmed">
            {mine.unrankedReason}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('rank.period', { period: board.period.label })}
        </Text>
      </Stack>
    );
  };

  return (
    <Card withBorder radius="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700}>{t('rank.title')}</Text>
        </Group>
        {memberBoards.length > 1 && (
          <>
            <NativeSelect
              size="xs"
              aria-label={t('rank.board')}
              value={boardId ?? ''}
              data={memberBoards.map((b) => ({ value: b.id, label: b.name }))}
              onChange={(e) => setChosen(e.currentTarget.value)}
            />
            {/* A closed native select cuts long names; the chosen board's full name wraps here. */}
            <Text size="xs" c="dimmed" aria-hidden data-testid="rank-board-name">
              {memberBoards.find((b) => b.id === boardId)?.name}
            </Text>
          </>
        )}
        {memberBoards.length === 1 && (
          <Text size="xs" c="dimmed">
            {memberBoards[0].name}
          </Text>
        )}
        {body()}
      </Stack>
    </Card>
  );
}

/** My on-time rate this ISO week (items due this week, in the organization's time zone). */
export function OnTimeCard({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const { me, org } = useViewer();
  const fmt = useFormat();
  const [range] = useState(() => isoWeekRange(new Date(), org.timeZone));
  const [{ data, error }, refetch] = useQuery({
    query: MyOnTimeDoc,
    variables: { from: range.from.toISOString(), to: range.to.toISOString(), memberId: me.id },
  });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);
  const total = data?.sopCompliance.total;
  return (
    <Card withBorder radius="md">
      <Stack gap={6} data-testid="on-time-card">
        <Text fw={700}>{t('onTime.title')}</Text>
        {error && !data ? (
          <QueryError error={error} />
        ) : !total ? (
          <Loading />
        ) : (
          <>
            <Text fz={32} fw={800} lh={1}>
              {total.onTimeRate == null ? '—' : fmt.percent(total.onTimeRate)}
            </Text>
            <Text size="sm" c="dimmed">
              {total.counted === 0
                ? t('onTime.nothingYet')
                : t('onTime.detail', { onTime: total.doneOnTime, counted: total.counted, late: total.doneLate, missed: total.missed })}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
