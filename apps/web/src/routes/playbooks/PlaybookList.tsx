import { Anchor, Card, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useFormat } from '../../auth/viewer';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { PlaybookListDoc } from './operations';
import { StatusBadge } from './shared';

/** The playbooks of every legion, grouped by legion, with their versions' status. */
export function PlaybookList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: PlaybookListDoc });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [legionId, setLegionId] = useState('');
  const groups = useMemo(() => {
    const legions = data?.legions ?? [];
    const list = (data?.playbooks ?? []).filter((p) => !legionId || p.legionId === legionId);
    return legions
      .map((l) => ({ legion: l, playbooks: list.filter((p) => p.legionId === l.id).sort((a, b) => a.name.localeCompare(b.name)) }))
      .filter((g) => g.playbooks.length > 0);
  }, [data, legionId]);

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" align="end">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 260px' }}>
          {t('playbooks.list.intro')}
        </Text>
        <NativeSelect
          label={t('playbooks.list.legion')}
          value={legionId}
          onChange={(e) => setLegionId(e.currentTarget.value)}
          data={[{ value: '', label: t('playbooks.list.allLegions') }, ...data.legions.map((l) => ({ value: l.id, label: l.name }))]}
          w={260}
        />
      </Group>
      {groups.length === 0 && <Empty title={t('playbooks.list.empty')}>{t('playbooks.list.emptyHint')}</Empty>}
      {groups.map((g) => (
        <Stack key={g.legion.id} gap="xs">
          <Text fw={700} size="lg" component="h2" m={0}>
            {g.legion.name}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {g.playbooks.map((p) => {
              const published = p.versions.find((v) => v.status === 'PUBLISHED');
              const draft = p.versions.find((v) => v.status === 'DRAFT');
              return (
                <Card key={p.id} withBorder padding="sm" data-testid="playbook-row">
                  <Stack gap={4}>
                    <Anchor component={Link} to={`/playbooks/${p.id}`} fw={600}>
                      {p.name}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {t(`playbooks.kind.${p.kind}`)} · {t('playbooks.list.versions', { count: p.versions.length })} ·{' '}
                      {t('playbooks.list.updated', { when: fmt.dateTime(p.updatedAt) })}
                    </Text>
                    <Group gap={6}>
                      {published && (
                        <Group gap={4}>
                          <StatusBadge status="PUBLISHED" />
                          <Text size="sm">{t('playbooks.versionNumber', { number: published.number })}</Text>
                        </Group>
                      )}
                      {draft && (
                        <Group gap={4}>
                          <StatusBadge status="DRAFT" />
                          <Text size="sm">{t('playbooks.versionNumber', { number: draft.number })}</Text>
                        </Group>
                      )}
                      {!published && !draft && <StatusBadge status="RETIRED" />}
                    </Group>
                  </Stack>
                </Card>
              );
            })}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
