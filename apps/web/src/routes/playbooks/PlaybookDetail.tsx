import { Alert, Box, Anchor, Button, Card, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { errorFor, fieldErrors, formMessage } from '../../api/errors';
import { useFormat } from '../../auth/viewer';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Loading, QueryError } from '../../ui/states';
import { ClonePlaybookDoc, CreateDraftDoc, PlaybookDoc, PlaybookListDoc, PublishVersionDoc, RetireVersionDoc } from './operations';
import { StatusBadge, useLegionAccess } from './shared';

/** One playbook: its versions with status, the actions on them, and a version comparison picker. */
export default function PlaybookDetail() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const access = useLegionAccess();
  const [{ data, error }, refetch] = useQuery({ query: PlaybookDoc, variables: { id } });
  const [{ data: list }] = useQuery({ query: PlaybookListDoc });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [draftState, createDraft] = useMutation(CreateDraftDoc);
  const [publishState, publish] = useMutation(PublishVersionDoc);
  const [retireState, retire] = useMutation(RetireVersionDoc);
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [confirm, setConfirm] = useState<{ kind: 'publish' | 'retire'; versionId: string; number: number } | null>(null);
  const [cloning, setCloning] = useState(false);
  const versions = useMemo(() => data?.playbook.versions ?? [], [data]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const defaults = useMemo(() => {
    const sorted = [...versions].sort((x, y) => y.number - x.number);
    return { b: sorted[0]?.id ?? '', a: sorted[1]?.id ?? '' };
  }, [versions]);

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  const p = data.playbook;
  const can = access(p.legion);
  const draft = versions.find((v) => v.status === 'DRAFT');
  const cloneTargets = (list?.legions ?? []).filter((l) => l.id !== p.legionId && l.kind === p.kind && access(l).edit);
  const actionError = draftState.error ?? publishState.error ?? retireState.error;
  const compareA = a || defaults.a;
  const compareB = b || defaults.b;

  const startDraft = async () => {
    const res = await createDraft({ playbookId: p.id });
    if (res.data) navigate(`/playbooks/${p.id}/edit`);
  };
  const runConfirmed = async () => {
    if (!confirm) return;
    const { kind, versionId, number } = confirm;
    setConfirm(null);
    setNotice(null);
    const res = kind === 'publish' ? await publish({ versionId }) : await retire({ versionId });
    if (!res.error) {
      setNotice(t(kind === 'publish' ? 'playbooks.detail.published' : 'playbooks.detail.retired', { number }));
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" align="start">
        <Stack gap={2}>
          <Text component="h2" fw={700} size="xl" m={0} data-testid="playbook-name">
            {p.name}
          </Text>
          <Text size="sm" c="dimmed">
            {p.legion?.name} · {t(`playbooks.kind.${p.kind}`)}
          </Text>
        </Stack>
        <Group gap="xs">
          {can.edit && draft && (
            <Button component={Link} to={`/playbooks/${p.id}/edit`} data-testid="edit-draft">
              {t('playbooks.detail.editDraft', { number: draft.number })}
            </Button>
          )}
          {can.edit && !draft && (
            <Button onClick={startDraft} loading={draftState.fetching} data-testid="new-draft">
              {t('playbooks.detail.newDraft')}
            </Button>
          )}
          {cloneTargets.length > 0 && (
            <Button variant="default" onClick={() => setCloning(true)} data-testid="clone-open">
              {t('playbooks.clone.open')}
            </Button>
          )}
        </Group>
      </Group>
      {!can.publish && can.edit && (
        <Text size="sm" c="dimmed">
          {t('playbooks.detail.leadNote')}
        </Text>
      )}
      {notice && (
        <Alert color="green" role="status" data-testid="notice">
          {notice}
        </Alert>
      )}
      {actionError && (
        <Alert color="red" title={t('playbooks.detail.actionFailed')} data-testid="action-error">
          <Stack gap={4}>
            {fieldErrors(actionError).length > 0 ? (
              <>
                <Text size="sm">{t('playbooks.detail.publishIssues', { count: fieldErrors(actionError).length })}</Text>
                {draft && (
                  <Anchor component={Link} to={`/playbooks/${p.id}/edit`} size="sm">
                    {t('playbooks.detail.fixInEditor')}
                  </Anchor>
                )}
              </>
            ) : (
              <Text size="sm">{formMessage(actionError)}</Text>
            )}
          </Stack>
        </Alert>
      )}

      <Card withBorder padding="sm">
        <Text component="h3" fw={600} m={0} mb="xs">
          {t('playbooks.detail.versions')}
        </Text>
        <Box tabIndex={0} role="region" aria-label={t('playbooks.detail.versions')} style={{ overflowX: 'auto' }}>
          <Table miw={520} verticalSpacing="xs" data-testid="versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('playbooks.detail.version')}</Table.Th>
                <Table.Th>{t('playbooks.detail.status')}</Table.Th>
                <Table.Th>{t('playbooks.detail.changeNote')}</Table.Th>
                <Table.Th>{t('playbooks.detail.when')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('playbooks.detail.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...versions]
                .sort((x, y) => y.number - x.number)
                .map((v) => (
                  <Table.Tr key={v.id} data-testid="version-row" data-status={v.status} data-number={v.number}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('playbooks.versionNumber', { number: v.number })}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <StatusBadge status={v.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {v.changeNote || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{fmt.dateTime(v.retiredAt ?? v.publishedAt ?? v.updatedAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap" justify="end">
                        <Button size="compact-sm" variant="subtle" component={Link} to={`/playbooks/${p.id}/edit?version=${v.id}`}>
                          {v.status === 'DRAFT' && can.edit ? t('playbooks.detail.edit') : t('playbooks.detail.view')}
                        </Button>
                        {can.publish && v.status === 'DRAFT' && (
                          <Button size="compact-sm" onClick={() => setConfirm({ kind: 'publish', versionId: v.id, number: v.number })} data-testid="publish">
                            {t('playbooks.detail.publish')}
                          </Button>
                        )}
                        {can.publish && v.status === 'PUBLISHED' && (
                          <Button
                            size="compact-sm"
                            color="red"
                            variant="light"
                            onClick={() => setConfirm({ kind: 'retire', versionId: v.id, number: v.number })}
                            data-testid="retire"
                          >
                            {t('playbooks.detail.retire')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Box>
      </Card>

      {versions.length > 1 && (
        <Card withBorder padding="sm">
          <Text component="h3" fw={600} m={0} mb="xs">
            {t('playbooks.compare.title')}
          </Text>
          <Group align="end" wrap="wrap" gap="sm">
            {(
              [
                ['a', compareA, setA],
                ['b', compareB, setB],
              ] as const
            ).map(([side, value, set]) => (
              <NativeSelect
                key={side}
                label={t(side === 'a' ? 'playbooks.compare.from' : 'playbooks.compare.to')}
                value={value}
                onChange={(e) => set(e.currentTarget.value)}
                data={[...versions]
                  .sort((x, y) => y.number - x.number)
                  .map((v) => ({ value: v.id, label: `${t('playbooks.versionNumber', { number: v.number })} · ${t(`playbooks.status.${v.status}`)}` }))}
                w={220}
                data-testid={`compare-${side}`}
              />
            ))}
            <Button
              component={Link}
              to={`/playbooks/${p.id}/compare?a=${compareA}&b=${compareB}`}
              variant="light"
              data-testid="compare-open"
              disabled={!compareA || !compareB || compareA === compareB}
            >
              {t('playbooks.compare.open')}
            </Button>
          </Group>
        </Card>
      )}

      <Modal
        opened={confirm != null}
        onClose={() => setConfirm(null)}
        title={
          confirm
            ? t(confirm.kind === 'publish' ? 'playbooks.detail.confirmPublishTitle' : 'playbooks.detail.confirmRetireTitle', { number: confirm.number })
            : ''
        }
      >
        <Stack gap="md">
          <Text size="sm">{confirm && t(confirm.kind === 'publish' ? 'playbooks.detail.confirmPublish' : 'playbooks.detail.confirmRetire')}</Text>
          <Group justify="end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </Button>
            <Button color={confirm?.kind === 'retire' ? 'red' : undefined} onClick={runConfirmed} data-autofocus data-testid="confirm">
              {confirm && t(confirm.kind === 'publish' ? 'playbooks.detail.publish' : 'playbooks.detail.retire')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <CloneDialog
        opened={cloning}
        onClose={() => setCloning(false)}
        playbookId={p.id}
        name={p.name}
        versions={versions}
        targets={cloneTargets}
        onCloned={(newId) => navigate(`/playbooks/${newId}`)}
      />
    </Stack>
  );
}

function CloneDialog({
  opened,
  onClose,
  playbookId,
  name,
  versions,
  targets,
  onCloned,
}: {
  opened: boolean;
  onClose(): void;
  playbookId: string;
  name: string;
  versions: { id: string; number: number; status: string }[];
  targets: { id: string; name: string }[];
  onCloned(id: string): void;
}) {
  const { t } = useTranslation();
  const [state, clone] = useMutation(ClonePlaybookDoc);
  const [legionId, setLegionId] = useState('');
  const [versionId, setVersionId] = useState('');
  const [newName, setNewName] = useState(name);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await clone({ input: { playbookId, legionId: legionId || targets[0]?.id || '', versionId: versionId || null, name: newName } });
    if (res.data) {
      onClose();
      onCloned(res.data.clonePlaybook.id);
    }
  };
  const message = formMessage(state.error, ['legionId', 'name', 'versionId']);
  return (
    <Modal opened={opened} onClose={onClose} title={t('playbooks.clone.title')}>
      <form onSubmit={submit} data-testid="clone-form">
        <Stack gap="sm">
          <NativeSelect
            label={t('playbooks.clone.legion')}
            value={legionId || targets[0]?.id || ''}
            onChange={(e) => setLegionId(e.currentTarget.value)}
            data={targets.map((l) => ({ value: l.id, label: l.name }))}
            error={errorFor(state.error, 'legionId')}
            data-autofocus
          />
          <NativeSelect
            label={t('playbooks.clone.version')}
            value={versionId}
            onChange={(e) => setVersionId(e.currentTarget.value)}
            data={[
              { value: '', label: t('playbooks.clone.defaultVersion') },
              ...versions.map((v) => ({ value: v.id, label: `${t('playbooks.versionNumber', { number: v.number })} · ${t(`playbooks.status.${v.status}`)}` })),
            ]}
            error={errorFor(state.error, 'versionId')}
          />
          <TextInput
            label={t('playbooks.clone.name')}
            value={newName}
            onChange={(e) => setNewName(e.currentTarget.value)}
            error={errorFor(state.error, 'name')}
          />
          {message && <Alert color="red">{message}</Alert>}
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={state.fetching}>
              {t('playbooks.clone.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
