import { Alert, Button, Card, Group, Modal, PasswordInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorFor, formMessage } from '../../../api/errors';
import { useFormat, useViewer } from '../../../auth/viewer';
import type { AdminUserFieldsFragment, Role } from '../../../gql/graphql';
import '../../../i18n/areas/admin';
import { useRefetchOnRetry } from '../../../lib/useRetry';
import { Empty, ForbiddenPage, Loading, QueryError } from '../../../ui/states';
import { SoftBadge } from '../../board/SoftBadge';
import { CreateUserDoc, DeactivateUserDoc, ReactivateUserDoc, SquadChoicesDoc, UpdateUserRoleDoc, UsersDoc } from '../operations';
import { ScrollRegion } from '../../students/ScrollRegion';

const ROLES: Role[] = ['MEMBER', 'LEAD', 'MANAGER', 'ADMIN'];

/** `/admin/users`: people of the organization (ADMIN) or of the manager's legions (MANAGER). */
export default function Users() {
  const { me } = useViewer();
  if (me.role !== 'ADMIN' && me.role !== 'MANAGER') return <ForbiddenPage />;
  return <UsersScreen />;
}

/** The squads the caller may put people into: every squad (ADMIN), those of the legions a MANAGER commands. */
function useAssignableSquads() {
  const { me } = useViewer();
  const [{ data }] = useQuery({ query: SquadChoicesDoc });
  return useMemo(() => {
    const all = data?.squads ?? [];
    const mine = me.role === 'ADMIN' ? all : all.filter((s) => s.legion.commanderId === me.id);
    return (mine.length || me.role === 'ADMIN' ? mine : all).map((s) => ({ value: s.id, label: `${s.name} · ${s.legion.name}` }));
  }, [data, me]);
}

function UsersScreen() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const fmt = useFormat();
  const isAdmin = me.role === 'ADMIN';
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [active, setActive] = useState<'true' | 'false' | 'all'>('true');
  const variables = useMemo(() => ({ search: search.trim() || null, role, active: active === 'all' ? null : active === 'true' }), [search, role, active]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: UsersDoc, variables });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [creating, setCreating] = useState(false);
  const [confirm, setConfirm] = useState<{ user: AdminUserFieldsFragment; action: 'deactivate' | 'reactivate' } | null>(null);
  const [roleResult, updateRole] = useMutation(UpdateUserRoleDoc);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('admin.users.search')}
          placeholder={t('admin.users.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', xs: 240 }}
        />
        <Select
          label={t('admin.users.role')}
          placeholder={t('admin.users.allRoles')}
          data={ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
          value={role}
          onChange={(v) => setRole(v as Role | null)}
          clearable
          w={{ base: '47%', xs: 160 }}
        />
        <Select
          label={t('admin.users.state')}
          data={[
            { value: 'true', label: t('admin.users.activeOnly') },
            { value: 'false', label: t('admin.users.deactivatedOnly') },
            { value: 'all', label: t('admin.users.everyone') },
          ]}
          value={active}
          onChange={(v) => v && setActive(v as 'true' | 'false' | 'all')}
          allowDeselect={false}
          w={{ base: '47%', xs: 170 }}
        />
        <Button onClick={() => setCreating(true)} data-testid="new-user" ml="auto">
          {t('admin.users.new')}
        </Button>
      </Group>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)} closeButtonLabel={t('common.close')} data-testid="users-notice">
          {notice}
        </Alert>
      )}
      {roleResult.error && (
        <Alert color="red" role="alert">
          {formMessage(roleResult.error) ?? t('errors.unknown')}
        </Alert>
      )}
      {error && !data ? (
        <QueryError error={error} onRetry={reload} />
      ) : !data || (fetching && !data) ? (
        <Loading />
      ) : data.users.nodes.length === 0 ? (
        <Card withBorder radius="md">
          <Empty title={t('admin.users.noneTitle')}>{t('admin.users.noneText')}</Empty>
        </Card>
      ) : (
        <Card withBorder radius="md" p={0}>
          <ScrollRegion label={t('nav.adminTabs.users')} minWidth={720}>
            <Table verticalSpacing="xs" data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.users.person')}</Table.Th>
                  <Table.Th>{t('admin.users.role')}</Table.Th>
                  <Table.Th>{t('admin.users.squad')}</Table.Th>
                  <Table.Th>{t('admin.users.state')}</Table.Th>
                  <Table.Th>
                    <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{t('admin.users.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.users.nodes.map((u) => (
                  <Table.Tr key={u.id} data-testid="user-row" data-email={u.email}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {u.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {isAdmin && u.id !== me.id && u.active ? (
                        <Select
                          aria-label={t('admin.users.roleOf', { name: u.name })}
                          data={ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
                          value={u.role}
                          onChange={async (v) => {
                            if (!v || v === u.role) return;
                            const res = await updateRole({ id: u.id, role: v as Role });
                            if (!res.error) setNotice(t('admin.users.roleChanged', { name: u.name, role: t(`admin.role.${v}`) }));
                          }}
                          allowDeselect={false}
                          size="xs"
                          w={140}
                        />
                      ) : (
                        <Text size="sm">{t(`admin.role.${u.role}`)}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.squad?.name ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      {u.active ? (
                        <SoftBadge color="green">{t('admin.users.active')}</SoftBadge>
                      ) : (
                        <SoftBadge color="gray">{t('admin.users.deactivatedOn', { when: u.deactivatedAt ? fmt.dateTime(u.deactivatedAt) : '—' })}</SoftBadge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {u.id === me.id ? null : u.active ? (
                        <Button size="compact-sm" variant="light" color="red" onClick={() => setConfirm({ user: u, action: 'deactivate' })}>
                          {t('admin.users.deactivate')}
                        </Button>
                      ) : isAdmin ? (
                        <Button size="compact-sm" variant="light" onClick={() => setConfirm({ user: u, action: 'reactivate' })}>
                          {t('admin.users.reactivate')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          {data.users.pageInfo.hasNextPage && (
            <Text size="xs" c="dimmed" p="xs">
              {t('admin.users.firstOnly')}
            </Text>
          )}
        </Card>
      )}
      <CreateUserDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setNotice(t('admin.users.created', { name: u.name }));
          reload();
        }}
      />
      <ConfirmDialog
        state={confirm}
        onClose={() => setConfirm(null)}
        onDone={(u, action) => {
          setNotice(t(action === 'deactivate' ? 'admin.users.deactivatedNotice' : 'admin.users.reactivatedNotice', { name: u.name }));
          reload();
        }}
      />
    </Stack>
  );
}

function CreateUserDialog({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (u: AdminUserFieldsFragment) => void }) {
  const { t } = useTranslation();
  const { me } = useViewer();
  const squads = useAssignableSquads();
  const roles: Role[] = me.role === 'ADMIN' ? ROLES : ['MEMBER', 'LEAD'];
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'MEMBER' as Role, squadId: null as string | null });
  const [result, create] = useMutation(CreateUserDoc);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const close = () => {
    setForm({ name: '', email: '', password: '', role: 'MEMBER', squadId: null });
    onClose();
  };
  const submit = async () => {
    const res = await create({ input: { name: form.name.trim(), email: form.email.trim(), password: form.password, role: form.role, squadId: form.squadId } });
    if (res.data) {
      onCreated(res.data.createUser);
      close();
    }
  };
  const fields = ['name', 'email', 'password', 'role', 'squadId'];
  return (
    <Modal opened={opened} onClose={close} title={t('admin.users.new')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e) => (e.preventDefault(), void submit())} noValidate data-testid="user-form">
        <Stack gap="sm">
          <TextInput
            label={t('admin.users.name')}
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errorFor(result.error, 'name')}
            required
            data-autofocus
            data-testid="user-name"
          />
          <TextInput
            label={t('admin.users.email')}
            type="email"
            value={form.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errorFor(result.error, 'email')}
            required
            data-testid="user-email"
          />
          <PasswordInput
            label={t('admin.users.password')}
            description={t('admin.users.passwordHint')}
            value={form.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errorFor(result.error, 'password')}
            required
            data-testid="user-password"
          />
          <Select
            label={t('admin.users.role')}
            data={roles.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
            value={form.role}
            onChange={(v) => v && set('role', v as Role)}
            allowDeselect={false}
            error={errorFor(result.error, 'role')}
            data-testid="user-role"
          />
          <Select
            label={t('admin.users.squad')}
            placeholder={t('admin.users.noSquad')}
            data={squads}
            value={form.squadId}
            onChange={(v) => set('squadId', v)}
            clearable
            searchable
            error={errorFor(result.error, 'squadId')}
            data-testid="user-squad"
          />
          {formMessage(result.error, fields) && (
            <Alert color="red" role="alert" data-testid="user-form-error">
              {formMessage(result.error, fields)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={result.fetching} data-testid="create-user">
              {t('admin.users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ConfirmDialog({
  state,
  onClose,
  onDone,
}: {
  state: { user: AdminUserFieldsFragment; action: 'deactivate' | 'reactivate' } | null;
  onClose: () => void;
  onDone: (u: AdminUserFieldsFragment, action: 'deactivate' | 'reactivate') => void;
}) {
  const { t } = useTranslation();
  const [deactivation, deactivate] = useMutation(DeactivateUserDoc);
  const [reactivation, reactivate] = useMutation(ReactivateUserDoc);
  const result = state?.action === 'reactivate' ? reactivation : deactivation;
  return (
    <Modal
      opened={state != null}
      onClose={onClose}
      title={state ? t(state.action === 'deactivate' ? 'admin.users.deactivateTitle' : 'admin.users.reactivateTitle', { name: state.user.name }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{state?.action === 'deactivate' ? t('admin.users.deactivateText') : t('admin.users.reactivateText')}</Text>
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
            color={state?.action === 'deactivate' ? 'red' : 'blue'}
            loading={result.fetching}
            onClick={async () => {
              if (!state) return;
              const res = state.action === 'deactivate' ? await deactivate({ id: state.user.id }) : await reactivate({ id: state.user.id });
              if (!res.error) {
                onDone(state.user, state.action);
                onClose();
              }
            }}
          >
            {state?.action === 'deactivate' ? t('admin.users.deactivate') : t('admin.users.reactivate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
