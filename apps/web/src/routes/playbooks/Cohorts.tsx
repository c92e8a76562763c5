import { Alert, Box, Button, Card, Group, Modal, MultiSelect, NativeSelect, Progress, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import { useFormat, useViewer } from '../../auth/viewer';
import type { CohortsQuery } from '../../gql/graphql';
import { addDays, startOfLocalDate } from '../../lib/format';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { progressByRep, type RepProgress } from './content';
import { AddCohortLeadsDoc, AddCohortSquadsDoc, CohortAgendaDoc, CohortLeadSearchDoc, CohortsDoc, CreateCohortDoc } from './operations';

type Cohort = CohortsQuery['cohorts'][number];
type Squad = CohortsQuery['squads'][number];

const MAX_RANGE_DAYS = 62;

/** Cohorts: the list, a form to create one, and a cohort's members with their agenda progress. */
export default function Cohorts() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { me } = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: CohortsDoc });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const managed = useMemo(
    () =>
      (data?.squads ?? []).filter(
        (s) => me.role === 'ADMIN' || (me.role === 'MANAGER' && s.legion.commanderId === me.id) || (me.role === 'LEAD' && s.leadId === me.id),
      ),
    [data, me],
  );

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  const cohorts = [...data.cohorts].filter((c) => !c.rollingLeadId).sort((x, y) => y.startDate.localeCompare(x.startDate));
  const open = cohorts.find((c) => c.id === openId);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 260px' }}>
          {t('playbooks.cohorts.intro')}
        </Text>
        {managed.length > 0 && (
          <Button onClick={() => setCreating(true)} data-testid="create-cohort-open">
            {t('playbooks.cohorts.create')}
          </Button>
        )}
      </Group>
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      {cohorts.length === 0 && <Empty title={t('playbooks.cohorts.empty')}>{t('playbooks.cohorts.emptyHint')}</Empty>}
      <Stack gap="xs">
        {cohorts.map((c) => (
          <Card key={c.id} withBorder padding="sm" data-testid="cohort-row" data-open={c.id === openId || undefined}>
            <UnstyledButton onClick={() => setOpenId(c.id === openId ? null : c.id)} aria-expanded={c.id === openId} w="100%">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600}>{c.name}</Text>
                  <Text size="sm" c="dimmed">
                    {c.playbookVersion.playbook.name} · {t('playbooks.versionNumber', { number: c.playbookVersion.number })} ·{' '}
                    {c.squads.map((s) => s.name).join(', ')}
                  </Text>
                </Stack>
                <Stack gap={0} align="end">
                  <Text size="sm">{t('playbooks.cohorts.starts', { date: c.startDate })}</Text>
                  <Text size="sm" c="dimmed">
                    {t('playbooks.cohorts.leads', { count: c.leadCount })}
                  </Text>
                </Stack>
              </Group>
            </UnstyledButton>
            {open && c.id === open.id && <CohortDetail cohort={open} managed={managed} onChanged={() => refetch({ requestPolicy: 'network-only' })} />}
          </Card>
        ))}
      </Stack>
      <CreateCohort
        opened={creating}
        onClose={() => setCreating(false)}
        data={data}
        managed={managed}
        defaultStart={fmt.localToday}
        defaultTimeZone={fmt.timeZone}
        onCreated={(id, name) => {
          setCreating(false);
          setNotice(t('playbooks.cohorts.created', { name }));
          setOpenId(id);
          refetch({ requestPolicy: 'network-only' });
        }}
      />
    </Stack>
  );
}

function CreateCohort({
  opened,
  onClose,
  data,
  managed,
  defaultStart,
  defaultTimeZone,
  onCreated,
}: {
  opened: boolean;
  onClose(): void;
  data: CohortsQuery;
  managed: Squad[];
  defaultStart: string;
  defaultTimeZone: string;
  onCreated(id: string, name: string): void;
}) {
  const { t } = useTranslation();
  const [state, create] = useMutation(CreateCohortDoc);
  const [name, setName] = useState('');
  const [versionId, setVersionId] = useState('');
  const [startDate, setStartDate] = useState(defaultStart);
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const [squadIds, setSquadIds] = useState<string[]>([]);
  const legions = new Set(managed.map((s) => s.legionId));
  const published = data.playbooks.filter((p) => p.publishedVersion && legions.has(p.legionId));
  const chosen = versionId || published[0]?.publishedVersion?.id || '';
  const legionOf = published.find((p) => p.publishedVersion?.id === chosen)?.legionId;
  const squads = managed.filter((s) => !legionOf || s.legionId === legionOf);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await create({ input: { name, playbookVersionId: chosen, startDate, timeZone, squadIds } });
    if (res.data) {
      onCreated(res.data.createCohort.id, res.data.createCohort.name);
      setName('');
      setSquadIds([]);
    }
  };
  const message = formMessage(state.error, ['name', 'playbookVersionId', 'startDate', 'timeZone', 'squadIds']);
  return (
    <Modal opened={opened} onClose={onClose} title={t('playbooks.cohorts.create')}>
      <form onSubmit={submit} data-testid="create-cohort-form" noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('playbooks.cohorts.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errorFor(state.error, 'name')}
            data-autofocus
          />
          {published.length === 0 ? (
            <Alert color="yellow">{t('playbooks.cohorts.noPublished')}</Alert>
          ) : (
            <NativeSelect
              label={t('playbooks.cohorts.playbook')}
              value={chosen}
              onChange={(e) => setVersionId(e.currentTarget.value)}
              data={published.map((p) => ({
                value: p.publishedVersion!.id,
                label: `${p.name} · ${t('playbooks.versionNumber', { number: p.publishedVersion!.number })}`,
              }))}
              error={errorFor(state.error, 'playbookVersionId')}
            />
          )}
          <Group grow align="start">
            <TextInput
              type="date"
              label={t('playbooks.cohorts.startDate')}
              value={startDate}
              onChange={(e) => setStartDate(e.currentTarget.value)}
              error={errorFor(state.error, 'startDate')}
            />
            <TextInput
              label={t('playbooks.cohorts.timeZone')}
              value={timeZone}
              onChange={(e) => setTimeZone(e.currentTarget.value)}
              error={errorFor(state.error, 'timeZone')}
            />
          </Group>
          <MultiSelect
            label={t('playbooks.cohorts.squads')}
            data={squads.map((s) => ({ value: s.id, label: s.name }))}
            value={squadIds}
            onChange={setSquadIds}
            error={errorFor(state.error, 'squadIds')}
            data-testid="cohort-squads"
          />
          {message && <Alert color="red">{message}</Alert>}
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={state.fetching} disabled={!chosen}>
              {t('playbooks.cohorts.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A cohort's reps with their items by status (from each squad's agenda over the cohort's days). */
function CohortDetail({ cohort, managed, onChanged }: { cohort: Cohort; managed: Squad[]; onChanged(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useClient();
  const [nonce, setNonce] = useState(0);
  const days = cohort.playbookVersion.steps.map((s) => s.dayOffset);
  const first = days.length ? Math.min(...days) : 0;
  const last = Math.min(days.length ? Math.max(...days) : 0, first + MAX_RANGE_DAYS - 1);
  const from = startOfLocalDate(addDays(cohort.startDate, first), cohort.timeZone).toISOString();
  const to = startOfLocalDate(addDays(cohort.startDate, last + 1), cohort.timeZone).toISOString();
  const squadIds = cohort.squads.map((s) => s.id);
  const requestKey = `${cohort.id}|${squadIds.join(',')}|${from}|${to}|${nonce}`;
  const [loaded, setLoaded] = useState<{ key: string; rows: RepProgress[]; error: string | null } | null>(null);

  useEffect(() => {
    let stop = false;
    const ids = requestKey.split('|')[1]!.split(',').filter(Boolean);
    void Promise.all(ids.map((squadId) => client.query(CohortAgendaDoc, { squadId, from, to }, { requestPolicy: 'network-only' }).toPromise())).then(
      (results) => {
        if (stop) return;
        const failed = results.find((r) => r.error);
        // Squads the caller does not run answer FORBIDDEN: their reps are left out.
        const items = results.flatMap((r) => r.data?.squadAgenda ?? []);
        const error =
          failed && items.length === 0 && failed.error?.graphQLErrors[0]?.extensions?.code !== 'FORBIDDEN' ? (formMessage(failed.error) ?? '') : null;
        setLoaded({ key: requestKey, rows: progressByRep(items, cohort.id, new Date()), error });
      },
    );
    return () => {
      stop = true;
    };
  }, [client, requestKey, from, to, cohort.id]);
  const rows = loaded?.key === requestKey ? loaded.rows : null;
  const loadError = loaded?.key === requestKey ? loaded.error : null;

  const addable = managed.filter((s) => !cohort.squads.some((c) => c.id === s.id));
  return (
    <Stack gap="sm" mt="sm" data-testid="cohort-detail">
      <Text size="sm" c="dimmed">
        {t('playbooks.cohorts.range', { from: fmt.dateTime(from), to: fmt.dateTime(to) })}
      </Text>
      {loadError && <Alert color="red">{loadError}</Alert>}
      {!rows ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="cohort-no-items">
          {t('playbooks.cohorts.noItems')}
        </Text>
      ) : (
        <Box tabIndex={0} role="region" aria-label={t('playbooks.cohorts.progress')} style={{ overflowX: 'auto' }}>
          <Table miw={560} verticalSpacing={6} data-testid="cohort-progress" style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('playbooks.cohorts.rep')}</Table.Th>
                <Table.Th>{t('playbooks.cohorts.leadsColumn')}</Table.Th>
                <Table.Th>{t('playbooks.cohorts.progress')}</Table.Th>
                <Table.Th>{t('playbooks.cohorts.done')}</Table.Th>
                <Table.Th>{t('playbooks.cohorts.late')}</Table.Th>
                <Table.Th>{t('playbooks.cohorts.missed')}</Table.Th>
                <Table.Th>{t('playbooks.cohorts.skipped')}</Table.Th>
                <Table.Th>{t('playbooks.cohorts.upcoming')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const counted = r.total - r.cancelled;
                const share = counted ? r.done / counted : 0;
                return (
                  <Table.Tr key={r.repId} data-testid="cohort-member">
                    <Table.Td>{r.repName}</Table.Td>
                    <Table.Td>{r.leads}</Table.Td>
                    <Table.Td miw={120}>
                      <Group gap={6} wrap="nowrap">
                        <Progress value={share * 100} w={70} aria-label={t('playbooks.cohorts.progressOf', { name: r.repName })} />
                        <Text size="sm">{fmt.percent(share)}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{r.done}</Table.Td>
                    <Table.Td c={r.late ? 'red.8' : undefined}>{r.late}</Table.Td>
                    <Table.Td c={r.missed ? 'red.8' : undefined}>{r.missed}</Table.Td>
                    <Table.Td>{r.skipped}</Table.Td>
                    <Table.Td>{r.pending}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      <AddToCohort
        cohort={cohort}
        addable={addable}
        onChanged={() => {
          onChanged();
          setNonce((n) => n + 1);
        }}
      />
    </Stack>
  );
}

function AddToCohort({ cohort, addable, onChanged }: { cohort: Cohort; addable: Squad[]; onChanged(): void }) {
  const { t } = useTranslation();
  const [squadIds, setSquadIds] = useState<string[]>([]);
  const [leadIds, setLeadIds] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [{ data: leadData }] = useQuery({ query: CohortLeadSearchDoc, variables: { search: search.trim() || null } });
  const [squadState, addSquads] = useMutation(AddCohortSquadsDoc);
  const [leadState, addLeads] = useMutation(AddCohortLeadsDoc);
  const [done, setDone] = useState<string | null>(null);
  const inCohort = new Set(cohort.squads.map((s) => s.id));
  const leads = (leadData?.leads.nodes ?? []).filter((l) => l.squad && inCohort.has(l.squad.id));
  const submitSquads = async (e: FormEvent) => {
    e.preventDefault();
    const res = await addSquads({ cohortId: cohort.id, squadIds });
    if (!res.error) {
      setDone(t('playbooks.cohorts.squadsAdded', { count: squadIds.length }));
      setSquadIds([]);
      onChanged();
    }
  };
  const submitLeads = async (e: FormEvent) => {
    e.preventDefault();
    const res = await addLeads({ cohortId: cohort.id, leadIds });
    if (!res.error) {
      setDone(t('playbooks.cohorts.leadsAdded', { count: leadIds.length }));
      setLeadIds([]);
      onChanged();
    }
  };
  return (
    <Stack gap="xs">
      {done && (
        <Alert color="green" role="status">
          {done}
        </Alert>
      )}
      <Group align="start" gap="md" wrap="wrap">
        {addable.length > 0 && (
          <form onSubmit={submitSquads} style={{ flex: '1 1 260px' }}>
            <Group align="end" gap="xs" wrap="nowrap">
              <MultiSelect
                label={t('playbooks.cohorts.addSquads')}
                data={addable.map((s) => ({ value: s.id, label: s.name }))}
                value={squadIds}
                onChange={setSquadIds}
                error={errorFor(squadState.error, 'squadIds') ?? formMessage(squadState.error, ['squadIds'])}
                style={{ flex: 1 }}
              />
              <Button type="submit" variant="light" disabled={squadIds.length === 0} loading={squadState.fetching}>
                {t('playbooks.cohorts.add')}
              </Button>
            </Group>
          </form>
        )}
        <form onSubmit={submitLeads} style={{ flex: '1 1 260px' }}>
          <Group align="end" gap="xs" wrap="nowrap">
            <MultiSelect
              label={t('playbooks.cohorts.addLeads')}
              data={[...leads.map((l) => ({ value: l.id, label: `${l.name} · ${l.squad?.name ?? ''}` }))]}
              value={leadIds}
              onChange={setLeadIds}
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              nothingFoundMessage={t('playbooks.cohorts.noLeadsFound')}
              error={errorFor(leadState.error, 'leadIds') ?? formMessage(leadState.error, ['leadIds'])}
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="light" disabled={leadIds.length === 0} loading={leadState.fetching}>
              {t('playbooks.cohorts.add')}
            </Button>
          </Group>
        </form>
      </Group>
    </Stack>
  );
}
