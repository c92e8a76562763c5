import { ActionIcon, Card, Group, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useFormat, useViewer } from '../../auth/viewer';
import type { EnrollmentStatus, StudentFieldsFragment } from '../../gql/graphql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { SoftBadge } from '../board/SoftBadge';
import { StudentsDoc } from './operations';
import { InstallmentCell, LastStudyCell, NpsCell, ProgressCell } from './StudentCells';
import { searchStudents, sortStudents, type SortDir, type SortKey } from './students';
import { useCurators } from './useCurators';
import { ScrollRegion } from './ScrollRegion';

const STATUSES = ['ACTIVE', 'COMPLETED', 'DROPPED', 'REFUNDED'] as const;
const SORTS: SortKey[] = ['name', 'progress', 'lastStudy', 'nps', 'installments'];

/** `/students`: the students with progress, last study day, NPS and installments; search and sort. */
export function StudentsList() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const fmt = useFormat();
  const isCurator = me.role === 'MEMBER';
  const [status, setStatus] = useState<EnrollmentStatus | 'ALL'>('ACTIVE');
  const [curatorId, setCuratorId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'lastStudy', dir: 'asc' });
  const { curators } = useCurators();
  const variables = useMemo(
    () => ({ status: status === 'ALL' ? null : status, curatorId: isCurator ? me.id : curatorId }),
    [status, curatorId, isCurator, me.id],
  );
  const [{ data, error, fetching }, refetch] = useQuery({ query: StudentsDoc, variables });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));

  const courses = useMemo(() => new Map((data?.products ?? []).map((p) => [p.id, p.name])), [data]);
  const curatorNames = useMemo(() => new Map(curators.map((c) => [c.id, c.name])), [curators]);
  const courseOf = (id: string) => courses.get(id) ?? '';
  const rows = useMemo(
    () =>
      sortStudents(
        searchStudents(data?.enrollments.nodes ?? [], query, (id) => courses.get(id) ?? ''),
        sort.key,
        sort.dir,
        fmt.locale,
      ),
    [data, query, sort, courses, fmt.locale],
  );

  const toggleSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
  const header = (key: SortKey) => (
    <Table.Th aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton onClick={() => toggleSort(key)} fw={700} fz="sm" data-testid={`sort-${key}`}>
        {t(`curator.col.${key}`)} {sort.key === key ? (sort.dir === 'asc' ? '↑' : '↓') : ''}
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('curator.search')}
          placeholder={t('curator.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={{ base: '100%', xs: 260 }}
          data-testid="student-search"
        />
        <Select
          label={t('curator.status')}
          data={[...STATUSES.map((s) => ({ value: s, label: t(`curator.enrollmentStatus.${s}`) })), { value: 'ALL', label: t('curator.allStatuses') }]}
          value={status}
          onChange={(v) => setStatus((v as EnrollmentStatus | 'ALL' | null) ?? 'ACTIVE')}
          allowDeselect={false}
          w={{ base: '47%', xs: 170 }}
        />
        {!isCurator && (
          <Select
            label={t('curator.curator')}
            placeholder={t('curator.allCurators')}
            data={curators.map((c) => ({ value: c.id, label: `${c.name} · ${c.squadName}` }))}
            value={curatorId}
            onChange={setCuratorId}
            clearable
            searchable
            w={{ base: '47%', xs: 240 }}
          />
        )}
        <Group gap={4} align="flex-end" hiddenFrom="sm" wrap="nowrap">
          <Select
            label={t('curator.sortBy')}
            data={SORTS.map((k) => ({ value: k, label: t(`curator.col.${k}`) }))}
            value={sort.key}
            onChange={(v) => v && setSort((s) => ({ key: v as SortKey, dir: s.dir }))}
            allowDeselect={false}
            w={170}
          />
          <ActionIcon
            variant="light"
            size="lg"
            aria-label={sort.dir === 'asc' ? t('curator.sortAsc') : t('curator.sortDesc')}
            onClick={() => setSort((s) => ({ ...s, dir: s.dir === 'asc' ? 'desc' : 'asc' }))}
          >
            {sort.dir === 'asc' ? '↑' : '↓'}
          </ActionIcon>
        </Group>
      </Group>
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data || (fetching && !data) ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Card withBorder radius="md">
          <Empty title={query ? t('curator.noMatchTitle') : t('curator.noStudentsTitle')}>
            {query ? t('curator.noMatchText') : t('curator.noStudentsText')}
          </Empty>
        </Card>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="student-count">
            {t('curator.count', { count: rows.length })}
            {data.enrollments.pageInfo.hasNextPage ? ` · ${t('curator.firstOnly')}` : ''}
          </Text>
          <Card withBorder radius="md" p={0} visibleFrom="sm">
            <ScrollRegion label={t('curator.tabs.students')} minWidth={820}>
              <Table verticalSpacing="xs" highlightOnHover data-testid="students-table">
                <Table.Thead>
                  <Table.Tr>
                    {header('name')}
                    {header('progress')}
                    {header('lastStudy')}
                    {header('nps')}
                    {header('installments')}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id} data-testid="student-row">
                      <Table.Td>
                        <StudentName row={r} course={courseOf(r.productId)} curator={isCurator ? null : (curatorNames.get(r.curatorId ?? '') ?? null)} />
                      </Table.Td>
                      <Table.Td>
                        <ProgressCell row={r} />
                      </Table.Td>
                      <Table.Td>
                        <LastStudyCell row={r} />
                      </Table.Td>
                      <Table.Td>
                        <NpsCell row={r} />
                      </Table.Td>
                      <Table.Td>
                        <InstallmentCell row={r} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </Card>
          <Stack gap="xs" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {rows.map((r) => (
              <Card component="li" key={r.id} withBorder radius="md" padding="sm" data-testid="student-card">
                <Stack gap={8}>
                  <StudentName row={r} course={courseOf(r.productId)} curator={isCurator ? null : (curatorNames.get(r.curatorId ?? '') ?? null)} />
                  <ProgressCell row={r} />
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <LastStudyCell row={r} />
                    <NpsCell row={r} />
                  </Group>
                  <InstallmentCell row={r} />
                </Stack>
              </Card>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

function StudentName({ row, course, curator }: { row: StudentFieldsFragment; course: string; curator: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600} size="sm" truncate>
          {row.studentName}
        </Text>
        {row.status !== 'ACTIVE' && <SoftBadge color="gray">{t(`curator.enrollmentStatus.${row.status}`)}</SoftBadge>}
      </Group>
      <Text size="xs" c="dimmed" truncate>
        {course}
        {curator ? ` · ${curator}` : ''}
      </Text>
    </Stack>
  );
}
