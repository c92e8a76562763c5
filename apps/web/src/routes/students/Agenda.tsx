import { Card, Grid, Stack, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useFormat, useViewer } from '../../auth/viewer';
import type { AgendaItemFieldsFragment } from '../../gql/graphql';
import '../../i18n/areas/curator';
import { addDays, localDate, startOfLocalDate } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { CompleteDialog, SkipDialog } from '../today/ActionDialogs';
import { AgendaList } from '../today/AgendaList';
import { ItemCard } from '../today/ItemCard';
import { LeadDrawer } from '../today/LeadDrawer';
import { MyAgendaDoc } from '../today/operations';
import { sheetSteps, useItemDetails, type ListItem } from '../today/sheet';
import { agendaSections, currentAndNext } from '../today/status';

/**
 * `/students/agenda`: the curator's onboarding and course-service steps (the same agenda as a
 * rep's Today, about students): late, today and upcoming items; open one to read its script,
 * complete or skip it.
 */
export default function Agenda() {
  const { t } = useTranslation();
  const { org } = useViewer();
  const fmt = useFormat();
  const now = useNow(1000);
  const today = localDate(now, org.timeZone);
  const variables = useMemo(
    () => ({ from: startOfLocalDate(addDays(today, -1), org.timeZone).toISOString(), to: startOfLocalDate(addDays(today, 8), org.timeZone).toISOString() }),
    [today, org.timeZone],
  );
  const [{ data, error }, refetch] = useQuery({ query: MyAgendaDoc, variables });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [overrides, setOverrides] = useState<Map<string, AgendaItemFieldsFragment>>(new Map());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'complete' | 'skip' | null>(null);
  const [studentId, setStudentId] = useState<string | null>(null);

  const steps = useMemo(() => (data ? sheetSteps(data.myAgendaSheet) : new Map<string, ListItem['step']>()), [data]);
  const items = useMemo(
    () =>
      (data?.myAgendaSheet.items ?? []).flatMap((i): ListItem[] => {
        const o = overrides.get(i.id);
        const step = steps.get(i.id);
        if (!step) return [];
        return [{ ...(o && (o.status !== i.status || o.objectionLogs.length > i.objectionLogs.length) ? o : i), step }];
      }),
    [data, overrides, steps],
  );
  const { current } = currentAndNext(items);
  const selected = items.find((i) => i.id === selectedId) ?? current;
  // The sheet sends the current items' scripts and objections; another item's are fetched when opened.
  const details = useItemDetails(variables, data?.myAgendaSheet, selected?.id ?? null);
  const apply = useCallback(
    (item: AgendaItemFieldsFragment) => {
      setOverrides((prev) => new Map(prev).set(item.id, item));
      setSelectedId(item.id);
      setDialog(null);
      refetch({ requestPolicy: 'network-only' });
    },
    [refetch],
  );

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;

  const { late, todays, upcoming } = agendaSections(items, today);
  const done = todays.filter((i) => i.status === 'DONE').length;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {fmt.dateTime(now)} · {t('today.progress', { done, total: todays.length })}
      </Text>
      {items.length === 0 ? (
        <Card withBorder radius="md">
          <Empty title={t('curator.agenda.emptyTitle')}>{t('curator.agenda.emptyText')}</Empty>
        </Card>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
            {selected ? (
              <ItemCard
                key={selected.id}
                item={selected}
                details={details}
                now={now}
                onOpenLead={setStudentId}
                onComplete={() => setDialog('complete')}
                onSkip={() => setDialog('skip')}
                onLogged={(log) => apply({ ...selected, objectionLogs: [...selected.objectionLogs, log] })}
              />
            ) : (
              <Card withBorder radius="md">
                <Empty title={t('today.allDoneTitle')}>{t('curator.agenda.allDoneText')}</Empty>
              </Card>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
            <Stack gap="md">
              <AgendaList
                title={t('today.lateList')}
                items={late}
                now={now}
                selectedId={selected?.id ?? null}
                onSelect={setSelectedId}
                showDate
                testId="late-list"
              />
              <AgendaList
                title={t('today.todayList')}
                items={todays}
                now={now}
                selectedId={selected?.id ?? null}
                onSelect={setSelectedId}
                testId="today-list"
              />
              <AgendaList
                title={t('today.upcomingList')}
                items={upcoming}
                now={now}
                selectedId={selected?.id ?? null}
                onSelect={setSelectedId}
                showDate
                limit={8}
                testId="upcoming-list"
              />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {selected && (
        <>
          <CompleteDialog item={selected} opened={dialog === 'complete'} onClose={() => setDialog(null)} onDone={apply} />
          <SkipDialog item={selected} opened={dialog === 'skip'} onClose={() => setDialog(null)} onDone={apply} />
        </>
      )}
      <LeadDrawer leadId={studentId} opened={studentId != null} onClose={() => setStudentId(null)} />
    </Stack>
  );
}
