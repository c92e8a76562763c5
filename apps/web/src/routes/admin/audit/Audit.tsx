import '../../../i18n/areas/adminData';
import { Autocomplete, Button, Card, Collapse, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorFor } from '../../../api/errors';
import { useFormat, useViewer } from '../../../auth/viewer';
import type { AdminAuditEventsQuery, AuditEventFilter } from '../../../gql/graphql';
import { addDays, startOfLocalDate } from '../../../lib/format';
import { useRefetchOnRetry } from '../../../lib/useRetry';
import { Empty, ForbiddenPage, Loading, QueryError } from '../../../ui/states';
import { SoftBadge } from '../../board/SoftBadge';
import { diffRows } from './diff';
import { AuditActorsDoc, AuditEventsDoc } from './operations';
import { ScrollRegion } from '../ScrollRegion';

const PAGE = 25;
/** Entity types and actions the API records (suggestions; any name as recorded may be typed). */
const ENTITY_TYPES = [
  'Lead',
  'User',
  'Squad',
  'Legion',
  'Organization',
  'ApiKey',
  'Survey',
  'Persona',
  'RoutingConfig',
  'Playbook',
  'PlaybookVersion',
  'Cohort',
  'Experiment',
  'Order',
  'LeaderboardDefinition',
  'CoachingPlan',
  'Enrollment',
  'AgendaItem',
  'Product',
];
const ACTIONS = [
  'CREATED',
  'UPDATED',
  'DELETED',
  'PUBLISHED',
  'RETIRED',
  'DRAFT_SAVED',
  'RESCORED',
  'ASSIGNED',
  'STAGE_CHANGED',
  'MOVED',
  'DEACTIVATED',
  'REACTIVATED',
  'REVOKED',
  'CANCELLED',
  'REFUNDED',
];
const ACTION_COLOR: Record<string, string> = { CREATED: 'teal', DELETED: 'red', REVOKED: 'red', DEACTIVATED: 'red', PUBLISHED: 'blue', UPDATED: 'yellow' };

interface Filters {
  actor: string | null;
  entityType: string;
  entityId: string;
  action: string;
  fromDate: string;
  toDate: string;
}
const NONE: Filters = { actor: null, entityType: '', entityId: '', action: '', fromDate: '', toDate: '' };
type AuditEvent = AdminAuditEventsQuery['auditEvents']['nodes'][number];

/** `/admin/audit`: the audit log with filters, pages and each change's before/after diff. */
export default function Audit() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const fmt = useFormat();
  const allowed = me.role === 'ADMIN' || me.role === 'MANAGER';
  const [draft, setDraft] = useState<Filters>(NONE);
  const [applied, setApplied] = useState<Filters>(NONE);
  // Cursors of the pages seen so far: [undefined (first page), endCursor of page 1, ...].
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const filter = useMemo<AuditEventFilter>(() => {
    const f: AuditEventFilter = {};
    if (applied.actor?.startsWith('user:')) f.actorUserId = applied.actor.slice(5);
    if (applied.entityType.trim()) f.entityType = applied.entityType.trim();
    if (applied.entityId.trim()) f.entityId = applied.entityId.trim();
    if (applied.action.trim()) f.action = applied.action.trim().toUpperCase();
    if (applied.fromDate) f.from = startOfLocalDate(applied.fromDate, fmt.timeZone).toISOString();
    if (applied.toDate) f.to = startOfLocalDate(addDays(applied.toDate, 1), fmt.timeZone).toISOString();
    return f;
  }, [applied, fmt.timeZone]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }, refetch] = useQuery({ query: AuditEventsDoc, variables: { filter, first: PAGE, after }, pause: !allowed });
  const [{ data: actors }] = useQuery({ query: AuditActorsDoc, pause: !allowed });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const names = useMemo(() => new Map((actors?.users.nodes ?? []).map((u) => [u.id, u.name])), [actors]);
  if (!allowed) return <ForbiddenPage />;

  const rangeError = draft.fromDate && draft.toDate && draft.toDate < draft.fromDate ? t('adminData.audit.toBeforeFrom') : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rangeError) return;
    setApplied(draft);
    setCursors([undefined]);
  };
  const events = data?.auditEvents.nodes ?? [];
  const page = cursors.length;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {me.role === 'MANAGER' ? t('adminData.audit.introManager') : t('adminData.audit.intro')}
      </Text>
      <Card withBorder radius="md" padding="sm" component="form" onSubmit={submit} data-testid="audit-filters">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            <Select
              label={t('adminData.audit.actor')}
              placeholder={t('adminData.audit.anyone')}
              searchable
              clearable
              value={draft.actor}
              onChange={(v) => setDraft((d) => ({ ...d, actor: v }))}
              data={(actors?.users.nodes ?? []).map((u) => ({ value: `user:${u.id}`, label: `${u.name} · ${u.email}` }))}
              nothingFoundMessage={t('adminData.audit.noMatch')}
              data-testid="audit-actor"
            />
            <Autocomplete
              label={t('adminData.audit.entityType')}
              placeholder={t('adminData.audit.anyEntity')}
              value={draft.entityType}
              onChange={(v) => setDraft((d) => ({ ...d, entityType: v }))}
              data={ENTITY_TYPES}
              maxLength={64}
              error={errorFor(error, 'entityType')}
              data-testid="audit-entity-type"
            />
            <TextInput
              label={t('adminData.audit.entityId')}
              value={draft.entityId}
              onChange={(e) => setDraft((d) => ({ ...d, entityId: e.currentTarget.value }))}
              maxLength={200}
              error={errorFor(error, 'entityId')}
            />
            <Autocomplete
              label={t('adminData.audit.action')}
              placeholder={t('adminData.audit.anyAction')}
              value={draft.action}
              onChange={(v) => setDraft((d) => ({ ...d, action: v }))}
              data={ACTIONS}
              maxLength={64}
              error={errorFor(error, 'action')}
              data-testid="audit-action"
            />
            <TextInput
              type="date"
              label={t('adminData.audit.from')}
              value={draft.fromDate}
              onChange={(e) => setDraft((d) => ({ ...d, fromDate: e.currentTarget.value }))}
              error={errorFor(error, 'from')}
              data-testid="audit-from"
            />
            <TextInput
              type="date"
              label={t('adminData.audit.to')}
              value={draft.toDate}
              onChange={(e) => setDraft((d) => ({ ...d, toDate: e.currentTarget.value }))}
              error={rangeError ?? errorFor(error, 'to')}
              data-testid="audit-to"
            />
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit" data-testid="audit-apply">
              {t('adminData.audit.apply')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setDraft(NONE);
                setApplied(NONE);
                setCursors([undefined]);
              }}
            >
              {t('adminData.audit.clear')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading />
      ) : events.length === 0 ? (
        <Empty title={t('adminData.audit.emptyTitle')}>{t('adminData.audit.emptyText')}</Empty>
      ) : (
        <Stack gap="xs" data-testid="audit-events" style={{ opacity: fetching ? 0.6 : 1 }}>
          {events.map((ev) => (
            <AuditRow key={ev.id} event={ev} actorName={actorName(ev, names, t)} />
          ))}
        </Stack>
      )}
      {data && (
        <Group justify="space-between" wrap="wrap">
          <Button variant="default" disabled={page <= 1 || fetching} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="audit-prev">
            {t('adminData.audit.previous')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('adminData.audit.page', { page })}
          </Text>
          <Button
            variant="default"
            disabled={!data.auditEvents.pageInfo.hasNextPage || fetching}
            onClick={() => setCursors((c) => [...c, data.auditEvents.pageInfo.endCursor ?? undefined])}
            data-testid="audit-next"
          >
            {t('adminData.audit.next')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function actorName(ev: AuditEvent, names: Map<string, string>, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (ev.actorKind === 'SYSTEM') return t('adminData.audit.system');
  if (ev.actorKind === 'API_KEY') return t('adminData.audit.apiKey', { id: (ev.actorApiKeyId ?? '').slice(0, 8) });
  return (ev.actorUserId && names.get(ev.actorUserId)) || t('adminData.audit.someone', { id: (ev.actorUserId ?? '').slice(0, 8) });
}

function AuditRow({ event: ev, actorName: who }: { event: AuditEvent; actorName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const rows = useMemo(() => diffRows(ev.changes), [ev.changes]);
  const panelId = `audit-diff-${ev.id}`;
  return (
    <Card withBorder radius="md" padding="xs" data-testid="audit-event">
      <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Group gap={6} wrap="wrap">
            <SoftBadge color={ACTION_COLOR[ev.action] ?? 'gray'}>{ev.action}</SoftBadge>
            <Text fw={600} size="sm">
              {ev.entityType}
            </Text>
            <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {ev.entityId}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {fmt.dateTime(ev.occurredAt)} · {who}
          </Text>
        </Stack>
        {rows.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('adminData.audit.noChanges')}
          </Text>
        ) : (
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={panelId}
            data-testid="audit-diff-toggle"
          >
            {open ? t('adminData.audit.hideChanges') : t('adminData.audit.showChanges', { count: rows.length })}
          </Button>
        )}
      </Group>
      <Collapse expanded={open}>
        {open && (
          <ScrollRegion label={t('adminData.audit.diffLabel')} minWidth={300}>
            <Table id={panelId} data-testid="audit-diff" withTableBorder mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('adminData.audit.field')}</Table.Th>
                  <Table.Th>{t('adminData.audit.before')}</Table.Th>
                  <Table.Th>{t('adminData.audit.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.field} data-testid="audit-diff-row">
                    <Table.Td>
                      <Text span ff="monospace" size="sm">
                        {r.field}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere', background: r.before !== null ? 'var(--mantine-color-red-0)' : undefined }}>
                      {r.before ?? (
                        <Text span c="dimmed">
                          {t('adminData.audit.empty')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere', background: r.after !== null ? 'var(--mantine-color-green-0)' : undefined }}>
                      {r.after ?? (
                        <Text span c="dimmed">
                          {t('adminData.audit.empty')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </Collapse>
    </Card>
  );
}
