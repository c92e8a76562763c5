import { Alert, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useFormat, useViewer } from '../../auth/viewer';
import type { AgendaItemFieldsFragment } from '../../gql/graphql';
import { addDays, localDate, startOfLocalDate } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, ForbiddenPage, Loading, QueryError } from '../../ui/states';
import { CompleteDialog, SkipDialog } from './ActionDialogs';
import { AgendaList } from './AgendaList';
import { ItemCard, StateBadge, Timing } from './ItemCard';
import { LeadDrawer } from './LeadDrawer';
import { MyAgendaDoc } from './operations';
import { OnTimeCard, RankCard } from './RankCard';
import { sheetSteps, useItemDetails, type ListItem } from './sheet';
import { agendaSections, currentAndNext, itemState, type ItemState } from './status';

type Item = ListItem;

/** Yesterday (late items still open) to the day after tomorrow, in the organization's time zone. */
function agendaWindow(today: string, timeZone: string) {
  return { from: startOfLocalDate(addDays(today, -1), timeZone).toISOString(), to: startOfLocalDate(addDays(today, 3), timeZone).toISOString() };
}

/** The rep's day: the current and next items, the script, objections, actions, rank and on-time rate. */
export default function Today() {
  const { me } = useViewer();
  if (me.role !== 'MEMBER') return <ForbiddenPage />;
  return <TodayScreen />;
}

function TodayScreen() {
  const { t } = useTranslation();
  const { org } = useViewer();
  const fmt = useFormat();
  const now = useNow(1000);
  const today = localDate(now, org.timeZone);
  const variables = useMemo(() => agendaWindow(today, org.timeZone), [today, org.timeZone]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyAgendaDoc, variables });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));

  // Results of this screen's mutations, shown at once (the query refetches behind them).
  const [overrides, setOverrides] = useState<Map<string, AgendaItemFieldsFragment>>(new Map());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'complete' | 'skip' | null>(null);
  const [leadId, setLeadId] = useState<string | null>(null);
  // What the screen reader hears after an action (rendered in the current language).
  const [announce, setAnnounce] = useState<{ title: string; state: ItemState } | 'logged' | null>(null);
  const [changes, setChanges] = useState(0);

  // An override shows until a refetch has caught up with it (same status, as many objection logs).
  // Each item gets its step from the sheet's side table; the selected one its script and objections.
  const steps = useMemo(() => (data ? sheetSteps(data.myAgendaSheet) : new Map<string, Item['step']>()), [data]);
  const items = useMemo(
    () =>
      (data?.myAgendaSheet.items ?? []).flatMap((i): Item[] => {
        const o = overrides.get(i.id);
        const step = steps.get(i.id);
        if (!step) return [];
        return [{ ...(o && (o.status !== i.status || o.objectionLogs.length > i.objectionLogs.length) ? o : i), step }];
      }),
    [data, overrides, steps],
  );

  const { current, next } = currentAndNext(items);
  const selected = items.find((i) => i.id === selectedId) ?? current;
  const following = selected && selected.id !== current?.id ? current : next;
  const details = useItemDetails(variables, data?.myAgendaSheet, selected?.id ?? null);

  const apply = useCallback(
    (item: AgendaItemFieldsFragment) => {
      setOverrides((prev) => new Map(prev).set(item.id, item));
      setSelectedId(item.id);
      setDialog(null);
      setChanges((n) => n + 1);
      setAnnounce({ title: steps.get(item.id)?.title ?? '', state: itemState(item, new Date()) });
      refetch({ requestPolicy: 'network-only' });
    },
    [refetch, steps],
  );

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <Loading />;
  if (!data) return <Loading />;

  const { late, todays, upcoming } = agendaSections(items, today);
  const doneToday = todays.filter((i) => i.status === 'DONE').length;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <div>
          <Title order={1} size="h2">
            {t('today.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {fmt.dateTime(now)} · {t('today.progress', { done: doneToday, total: todays.length })}
          </Text>
        </div>
      </Group>
      <div
        aria-live="polite"
        className="sr-only"
        data-testid="announcer"
        style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
      >
        {announce === 'logged'
          ? t('objections.loggedNow')
          : announce && t('today.statusChanged', { title: announce.title, state: t(`itemState.${announce.state}`) })}
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            {!selected ? (
              <Card withBorder radius="md">
                <Empty title={t('today.allDoneTitle')}>{t('today.allDoneText')}</Empty>
              </Card>
            ) : (
              <ItemCard
                key={selected.id}
                item={selected}
                details={details}
                now={now}
                onOpenLead={setLeadId}
                onComplete={() => setDialog('complete')}
                onSkip={() => setDialog('skip')}
                onLogged={(log) => {
                  apply({ ...selected, objectionLogs: [...selected.objectionLogs, log] });
                  setAnnounce('logged');
                }}
              />
            )}
            {following && (
              <Card withBorder radius="md" data-testid="next-item">
                <Stack gap={4}>
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                      {following.id === current?.id ? t('today.current') : t('today.next')}
                    </Text>
                    <StateBadge state={itemState(following, now)} />
                  </Group>
                  <Text fw={600}>{following.step.title}</Text>
                  <Text size="sm" c="dimmed" truncate>
                    {following.lead ? following.lead.name : t('today.wholeGroup')}
                  </Text>
                  <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xs">
                    <Timing item={following} now={now} />
                    <Button size="compact-md" variant="light" style={{ flexShrink: 0 }} onClick={() => setSelectedId(following.id)}>
                      {t('today.open')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <RankCard />
            <OnTimeCard refreshKey={changes} />
            {late.length > 0 && (
              <Alert color="orange" p="xs" title={t('today.lateTitle', { count: late.length })}>
                {t('today.lateText')}
              </Alert>
            )}
            <AgendaList
              title={t('today.lateList')}
              items={late}
              now={now}
              selectedId={selected?.id ?? null}
              onSelect={setSelectedId}
              showDate
              testId="late-list"
            />
            <AgendaList title={t('today.todayList')} items={todays} now={now} selectedId={selected?.id ?? null} onSelect={setSelectedId} testId="today-list" />
            {todays.length === 0 && (
              <Card withBorder radius="md">
                <Empty title={t('today.nothingTodayTitle')}>{t('today.nothingTodayText')}</Empty>
              </Card>
            )}
            <AgendaList
              title={t('today.upcomingList')}
              items={upcoming}
              now={now}
              selectedId={selected?.id ?? null}
              onSelect={setSelectedId}
              showDate
              limit={6}
              testId="upcoming-list"
            />
          </Stack>
        </Grid.Col>
      </Grid>
      {selected && (
        <>
          <CompleteDialog item={selected} opened={dialog === 'complete'} onClose={() => setDialog(null)} onDone={apply} />
          <SkipDialog item={selected} opened={dialog === 'skip'} onClose={() => setDialog(null)} onDone={apply} />
        </>
      )}
      <LeadDrawer leadId={leadId} opened={leadId != null} onClose={() => setLeadId(null)} />
    </Stack>
  );
}
