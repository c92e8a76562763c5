import { Accordion, Alert, Button, Card, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorFor, formMessage } from '../../../api/errors';
import { useFormat, useViewer } from '../../../auth/viewer';
import type { AdminStructureQuery } from '../../../gql/graphql';
import '../../../i18n/areas/admin';
import { useRefetchOnRetry } from '../../../lib/useRetry';
import { Empty, ForbiddenPage, Loading, QueryError } from '../../../ui/states';
import { SoftBadge } from '../../board/SoftBadge';
import { MemberHistoryDoc, MoveMemberDoc, SquadMembersDoc, StructureDoc } from '../operations';

type Legion = AdminStructureQuery['legions'][number];
type Squad = Legion['squads'][number] & { legionName: string; kind: Legion['kind'] };
interface Member {
  id: string;
  name: string;
}

/** `/admin`: legions, their squads and members; move a member between squads with the history shown. */
export default function Structure() {
  const { me } = useViewer();
  if (me.role !== 'ADMIN' && me.role !== 'MANAGER') return <ForbiddenPage />;
  return <StructureScreen />;
}

function StructureScreen() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: StructureDoc });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [moving, setMoving] = useState<{ member: Member; from: Squad } | null>(null);
  const [version, setVersion] = useState(0);

  // A MANAGER sees the legions they command (all legions when they command none; docs/api.md).
  const legions = useMemo(() => {
    const all = data?.legions ?? [];
    if (me.role !== 'MANAGER') return all;
    const mine = all.filter((l) => l.commanderId === me.id);
    return mine.length ? mine : all;
  }, [data, me]);
  const squads = useMemo(() => legions.flatMap((l) => l.squads.map((s): Squad => ({ ...s, legionName: l.name, kind: l.kind }))), [legions]);

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  if (legions.length === 0) {
    return (
      <Card withBorder radius="md">
        <Empty title={t('admin.structure.noneTitle')}>{t('admin.structure.noneText')}</Empty>
      </Card>
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('admin.structure.intro')}
      </Text>
      {legions.map((l) => (
        <Card key={l.id} withBorder radius="md" padding="sm" data-testid="legion">
          <Group justify="space-between" gap="xs" mb="xs">
            <Title order={2} size="h4">
              {l.name}
            </Title>
            <Group gap={6}>
              <SoftBadge color={l.kind === 'COURSE_SERVICE' ? 'grape' : 'blue'}>{t(`admin.kind.${l.kind}`)}</SoftBadge>
              <Text size="sm" c="dimmed">
                {l.commander ? t('admin.structure.commander', { name: l.commander.name }) : t('admin.structure.noCommander')}
              </Text>
            </Group>
          </Group>
          {l.squads.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('admin.structure.noSquads')}
            </Text>
          ) : (
            <Accordion multiple variant="separated" chevronPosition="left">
              {l.squads.map((s) => (
                <Accordion.Item key={s.id} value={s.id} data-testid="squad">
                  <Accordion.Control>
                    <Group justify="space-between" gap={6} wrap="wrap" pr="xs">
                      <Text fw={600}>{s.name}</Text>
                      <Text size="sm" c="dimmed">
                        {s.lead ? t('admin.structure.lead', { name: s.lead.name }) : t('admin.structure.noLead')}
                      </Text>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <SquadMembers
                      key={`${s.id}-${version}`}
                      squadId={s.id}
                      onMove={(member) => setMoving({ member, from: { ...s, legionName: l.name, kind: l.kind } })}
                    />
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )}
        </Card>
      ))}
      <MoveDialog
        state={moving}
        squads={squads}
        onClose={() => setMoving(null)}
        onMoved={() => {
          setVersion((v) => v + 1);
          refetch({ requestPolicy: 'network-only' });
        }}
      />
    </Stack>
  );
}

/** Remounted (a new key) after a move, so it reloads. */
function SquadMembers({ squadId, onMove }: { squadId: string; onMove: (m: Member) => void }) {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: SquadMembersDoc, variables: { id: squadId }, requestPolicy: 'cache-and-network' });
  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  if (data.squad.members.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('admin.structure.noMembers')}
      </Text>
    );
  }
  return (
    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {data.squad.members.map((m) => (
        <Group component="li" key={m.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="member" data-email={m.email}>
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} truncate>
              {m.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {t(`admin.role.${m.role}`)} · {m.email}
            </Text>
          </div>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => onMove(m)}
            style={{ flexShrink: 0 }}
            aria-label={t('admin.structure.moveWho', { name: m.name })}
          >
            {t('admin.structure.move')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

function MoveDialog({
  state,
  squads,
  onClose,
  onMoved,
}: {
  state: { member: Member; from: Squad } | null;
  squads: Squad[];
  onClose: () => void;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [target, setTarget] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [result, move] = useMutation(MoveMemberDoc);
  const [{ data: history }, refetchHistory] = useQuery({
    query: MemberHistoryDoc,
    variables: { id: state?.member.id ?? '' },
    pause: !state,
    requestPolicy: 'network-only',
  });
  const names = useMemo(() => new Map(squads.map((s) => [s.id, `${s.name} · ${s.legionName}`])), [squads]);
  const options = squads
    .filter((s) => state && s.kind === state.from.kind && s.id !== state.from.id)
    .map((s) => ({ value: s.id, label: `${s.name} · ${s.legionName}` }));
  const close = () => {
    setTarget(null);
    setDone(false);
    onClose();
  };
  const NONE = '__none__';
  return (
    <Modal
      opened={state != null}
      onClose={close}
      title={state ? t('admin.structure.moveTitle', { name: state.member.name }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {state && (
        <Stack gap="sm">
          <Text size="sm">{t('admin.structure.nowIn', { squad: `${state.from.name} · ${state.from.legionName}` })}</Text>
          <Select
            label={t('admin.structure.target')}
            placeholder={t('admin.structure.pickSquad')}
            data={[...options, { value: NONE, label: t('admin.structure.noSquad') }]}
            value={target}
            onChange={setTarget}
            searchable
            error={errorFor(result.error, 'squadId')}
            data-autofocus
            data-testid="move-target"
          />
          {formMessage(result.error, ['squadId']) && (
            <Alert color="red" role="alert">
              {formMessage(result.error, ['squadId'])}
            </Alert>
          )}
          {done && (
            <Alert color="green" role="status" data-testid="moved">
              {t('admin.structure.moved')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {done ? t('common.close') : t('common.cancel')}
            </Button>
            <Button
              disabled={!target || done}
              loading={result.fetching}
              data-testid="confirm-move"
              onClick={async () => {
                const res = await move({ input: { userId: state.member.id, squadId: target === NONE ? null : target } });
                if (!res.error) {
                  setDone(true);
                  refetchHistory({ requestPolicy: 'network-only' });
                  onMoved();
                }
              }}
            >
              {t('admin.structure.move')}
            </Button>
          </Group>
          <Title order={3} size="h5">
            {t('admin.structure.history')}
          </Title>
          {!history ? (
            <Loading />
          ) : (
            <Table verticalSpacing={4} data-testid="membership-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.structure.squad')}</Table.Th>
                  <Table.Th>{t('admin.structure.from')}</Table.Th>
                  <Table.Th>{t('admin.structure.to')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.user.memberships.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm">{names.get(m.squadId) ?? t('admin.structure.otherSquad')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{fmt.dateTime(m.validFrom)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.validTo ? fmt.dateTime(m.validTo) : t('admin.structure.current')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Modal>
  );
}
