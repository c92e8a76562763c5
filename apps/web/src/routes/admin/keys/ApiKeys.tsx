import { Alert, Button, Card, Checkbox, Code, CopyButton, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorFor, formMessage } from '../../../api/errors';
import { useFormat, useViewer } from '../../../auth/viewer';
import type { AdminApiKeysQuery } from '../../../gql/graphql';
import '../../../i18n/areas/admin';
import { useRefetchOnRetry } from '../../../lib/useRetry';
import { Empty, ForbiddenPage, Loading, QueryError } from '../../../ui/states';
import { SoftBadge } from '../../board/SoftBadge';
import { ApiKeysDoc, CreateApiKeyDoc, RevokeApiKeyDoc } from '../operations';
import { ScrollRegion } from '../../students/ScrollRegion';

type Key = AdminApiKeysQuery['apiKeys'][number];

/** The scopes the API knows (src/auth/decorators.ts API_KEY_SCOPE_LIST). */
const SCOPES = ['intake:submit', 'commerce:write', 'lms:write', 'feedback:write'] as const;

/** `/admin/keys`: API keys for the school's other systems (ADMIN only). */
export default function ApiKeys() {
  const { me } = useViewer();
  if (me.role !== 'ADMIN') return <ForbiddenPage />;
  return <ApiKeysScreen />;
}

function ApiKeysScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: ApiKeysDoc });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Key | null>(null);

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  const keys = [...data.apiKeys].sort((a, b) => Number(a.revokedAt != null) - Number(b.revokedAt != null) || b.createdAt.localeCompare(a.createdAt));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Text size="sm" c="dimmed" maw={620}>
          {t('admin.keys.intro')}
        </Text>
        <Button onClick={() => setCreating(true)} data-testid="new-key">
          {t('admin.keys.new')}
        </Button>
      </Group>
      {keys.length === 0 ? (
        <Card withBorder radius="md">
          <Empty title={t('admin.keys.noneTitle')}>{t('admin.keys.noneText')}</Empty>
        </Card>
      ) : (
        <Card withBorder radius="md" p={0}>
          <ScrollRegion label={t('nav.adminTabs.keys')} minWidth={640}>
            <Table verticalSpacing="xs" data-testid="keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.keys.name')}</Table.Th>
                  <Table.Th>{t('admin.keys.scopes')}</Table.Th>
                  <Table.Th>{t('admin.keys.used')}</Table.Th>
                  <Table.Th>
                    <span className="sr-only" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                      {t('admin.keys.actions')}
                    </span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.map((k) => (
                  <Table.Tr key={k.id} data-testid="key-row" data-key-name={k.name}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {k.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        <Code>{k.prefix}…</Code> · {t('admin.keys.created', { when: fmt.dateTime(k.createdAt) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {k.scopes.map((s) => (
                          <SoftBadge key={s} color="blue" tt="none">
                            {s}
                          </SoftBadge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : t('admin.keys.neverUsed')}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {k.revokedAt ? (
                        <SoftBadge color="gray" data-testid="key-revoked">
                          {t('admin.keys.revokedOn', { when: fmt.dateTime(k.revokedAt) })}
                        </SoftBadge>
                      ) : (
                        <Button size="compact-sm" color="red" variant="light" onClick={() => setRevoking(k)} data-testid="revoke-key">
                          {t('admin.keys.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </Card>
      )}
      <CreateKeyDialog opened={creating} onClose={() => setCreating(false)} onCreated={() => refetch({ requestPolicy: 'network-only' })} />
      <RevokeDialog apiKey={revoking} onClose={() => setRevoking(null)} onDone={() => refetch({ requestPolicy: 'network-only' })} />
    </Stack>
  );
}

function CreateKeyDialog({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [scopeError, setScopeError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [result, create] = useMutation(CreateApiKeyDoc);
  const close = () => {
    setName('');
    setScopes([]);
    setSecret(null);
    setScopeError(null);
    onClose();
  };
  const submit = async () => {
    if (scopes.length === 0) {
      setScopeError(t('admin.keys.scopeRequired'));
      return;
    }
    setScopeError(null);
    const res = await create({ input: { name: name.trim(), scopes } });
    if (res.data) {
      setSecret(res.data.createApiKey.secret);
      onCreated();
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={secret ? t('admin.keys.createdTitle') : t('admin.keys.new')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {secret ? (
        <Stack gap="sm" data-testid="key-secret-panel">
          <Alert color="yellow" title={t('admin.keys.onceTitle')}>
            {t('admin.keys.onceText')}
          </Alert>
          <Code block data-testid="key-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {secret}
          </Code>
          <Group justify="space-between">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'filled' : 'light'} color={copied ? 'green' : 'blue'} onClick={copy} data-testid="copy-secret">
                  {copied ? t('admin.keys.copied') : t('admin.keys.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={close} data-testid="secret-done">
              {t('admin.keys.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm" component="form" onSubmit={(e) => (e.preventDefault(), void submit())}>
          <TextInput
            label={t('admin.keys.name')}
            description={t('admin.keys.nameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errorFor(result.error, 'name')}
            required
            data-autofocus
            data-testid="key-name"
          />
          <Checkbox.Group label={t('admin.keys.scopes')} value={scopes} onChange={setScopes} error={scopeError ?? errorFor(result.error, 'scopes')} required>
            <Stack gap={6} mt={6}>
              {SCOPES.map((s) => (
                <Checkbox key={s} value={s} label={`${s} · ${t(`admin.keys.scope.${s.replace(':', '_')}`)}`} data-testid={`scope-${s}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          {formMessage(result.error, ['name', 'scopes']) && (
            <Alert color="red" role="alert">
              {formMessage(result.error, ['name', 'scopes'])}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={result.fetching} data-testid="create-key">
              {t('admin.keys.create')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function RevokeDialog({ apiKey, onClose, onDone }: { apiKey: Key | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [result, revoke] = useMutation(RevokeApiKeyDoc);
  return (
    <Modal opened={apiKey != null} onClose={onClose} title={t('admin.keys.revokeTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <Text size="sm">{t('admin.keys.revokeText', { name: apiKey?.name ?? '' })}</Text>
        {result.error && (
          <Alert color="red" role="alert">
            {formMessage(result.error) ?? t('errors.unknown')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={result.fetching}
            data-testid="confirm-revoke"
            onClick={async () => {
              if (!apiKey) return;
              const res = await revoke({ id: apiKey.id });
              if (!res.error) {
                onDone();
                onClose();
              }
            }}
          >
            {t('admin.keys.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
