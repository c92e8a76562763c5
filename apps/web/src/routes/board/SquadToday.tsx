import { Card, Group, NativeSelect, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SoftBadge } from './SoftBadge';
import { useQuery } from 'urql';
import { useFormat } from '../../auth/viewer';
import { addDays, startOfLocalDate } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { SquadAgendaDoc } from './operations';
import { useManagedSquads } from './useManagedSquads';
import { squadDay, type RepDay } from './squadToday';

const GROUP_COLOR = { late: 'red', onTrack: 'blue', done: 'teal' } as const;

/** The squad's agenda today: who is late, who is on track, who is done. Refreshes every minute. */
export default function SquadToday() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const now = useNow(30_000);
  const { squads: mine, loaded, error: sqError, refetch: refetchSquads } = useManagedSquads();
  const [chosen, setChosen] = useState<string | null>(null);
  const squad = mine.find((s) => s.id === chosen) ?? mine[0] ?? null;
  const today = fmt.localToday;
  const range = useMemo(
    () => ({ from: startOfLocalDate(today, fmt.timeZone).toISOString(), to: startOfLocalDate(addDays(today, 1), fmt.timeZone).toISOString() }),
    [today, fmt.timeZone],
  );
  const [{ data, error, fetching }, refetch] = useQuery({ query: SquadAgendaDoc, variables: { squadId: squad?.id ?? '', ...range }, pause: !squad });
  useRefetchOnRetry(() => {
    refetchSquads({ requestPolicy: 'network-only' });
    if (squad) refetch({ requestPolicy: 'network-only' });
  });
  // Statuses change as reps work: reload every minute (the groups recompute every 30 s).
  const squadId = squad?.id;
  useEffect(() => {
    if (!squadId) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 60_000);
    return () => clearInterval(timer);
  }, [squadId, refetch]);
  const rows = useMemo(() => squadDay(data?.squadAgenda ?? [], now), [data, now]);

  if (sqError && !loaded) return <QueryError error={sqError} onRetry={() => refetchSquads({ requestPolicy: 'network-only' })} />;
  if (!loaded) return <Loading />;
  if (!squad) return <Empty title={t('squadAgenda.noSquadTitle')}>{t('squadAgenda.noSquadText')}</Empty>;

  const body = () => {
    if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
    if (!data || (fetching && !data)) return <Loading />;
    if (rows.length === 0) return <Empty title={t('squadAgenda.emptyTitle')}>{t('squadAgenda.emptyText')}</Empty>;
    const count = (g: RepDay['group']) => rows.filter((r) => r.group === g).length;
    return (
      <Stack gap="sm">
        <Group gap={6} wrap="wrap" aria-label={t('squadAgenda.summary')}>
          {(['late', 'onTrack', 'done'] as const).map((g) => (
            <SoftBadge key={g} color={GROUP_COLOR[g]} size="lg">
              {t(`squadAgenda.group.${g}`)}: {count(g)}
            </SoftBadge>
          ))}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="squad-today">
          {rows.map((r) => (
            <Card key={r.repId} component="li" withBorder radius="md" padding="sm" data-testid="squad-rep" data-group={r.group}>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text fw={600} truncate>
                    {r.name}
                  </Text>
                  <SoftBadge color={GROUP_COLOR[r.group]}>{t(`squadAgenda.group.${r.group}`)}</SoftBadge>
                </Group>
                <Progress
                  value={r.total ? (100 * r.finished) / r.total : 0}
                  color={GROUP_COLOR[r.group]}
                  aria-label={t('squadAgenda.progress', { done: r.finished, total: r.total })}
                />
                <Text size="sm">{t('squadAgenda.progress', { done: r.finished, total: r.total })}</Text>
                <Text size="xs" c="dimmed">
                  {[
                    r.late > 0 ? t('squadAgenda.lateItems', { count: r.late }) : null,
                    r.doneLate > 0 ? t('squadAgenda.doneLate', { count: r.doneLate }) : null,
                    r.nextDue ? t('squadAgenda.next', { time: fmt.time(r.nextDue) }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || t('squadAgenda.nothingLeft')}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    );
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        {mine.length > 1 ? (
          <NativeSelect
            label={t('squadAgenda.squad')}
            value={squad.id}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={mine.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : (
          <Title order={2} size="h4">
            {squad.name}
          </Title>
        )}
        <Text size="sm" c="dimmed">
          {t('squadAgenda.asOf', { time: fmt.time(now) })}
        </Text>
      </Group>
      {body()}
    </Stack>
  );
}
