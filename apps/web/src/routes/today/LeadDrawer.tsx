import { Badge, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useFormat } from '../../auth/viewer';
import { Empty, Loading, QueryError } from '../../ui/states';
import { LeadDetailsDoc } from './operations';

/** The lead behind an agenda item: tier, persona, score and why (the intake's explanation). */
export function LeadDrawer({ leadId, opened, onClose }: { leadId: string | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error, fetching }, refetch] = useQuery({ query: LeadDetailsDoc, variables: { id: leadId ?? '' }, pause: !leadId || !opened });
  const lead = data?.lead;
  const ex = lead?.latestSubmission?.explanation;
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="min(440px, 100%)"
      title={
        <Title order={2} size="h4">
          {lead?.name ?? t('lead.title')}
        </Title>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {error && !lead && <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!lead && fetching && <Loading />}
      {lead && (
        <Stack gap="md" data-testid="lead-details">
          <Group gap="xs">
            <Badge variant="filled" color="blue">
              {t('lead.tier', { tier: lead.tier ?? '—' })}
            </Badge>
            <Badge variant="light">{lead.persona ? t('lead.persona', { persona: lead.persona }) : t('lead.noPersona')}</Badge>
            <Badge variant="outline" color="gray">
              {t(`leadStage.${lead.stage}`)}
            </Badge>
          </Group>
          <Text>
            {t('lead.score')}: <b>{lead.score != null ? fmt.number(lead.score, 1) : '—'}</b>
          </Text>
          {!ex ? (
            <Empty title={t('lead.noExplanationTitle')}>{t('lead.noExplanationText')}</Empty>
          ) : (
            <>
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {t('lead.whyTier')}
                </Text>
                <Text size="sm">{ex.tierReason}</Text>
                <Text size="sm" fw={600} mt="xs">
                  {t('lead.whyPersona')}
                </Text>
                <Text size="sm">{ex.personaReason}</Text>
              </Stack>
              <Table striped withTableBorder fz="sm" aria-label={t('lead.contributions')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('lead.answer')}</Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {t('lead.points')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ex.contributions.map((c) => (
                    <Table.Tr key={c.questionKey}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.questionKey}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {c.detail}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{fmt.number(c.weightedPoints, 2)}</Table.Td>
                    </Table.Tr>
                  ))}
                  {ex.rules.map((r) => (
                    <Table.Tr key={r.ruleKey}>
                      <Table.Td>{r.label}</Table.Td>
                      <Table.Td ta="right">{fmt.number(r.points, 2)}</Table.Td>
                    </Table.Tr>
                  ))}
                  {ex.caps.map((c) => (
                    <Table.Tr key={c.group}>
                      <Table.Td>{t('lead.cap', { group: c.group, limit: c.limit })}</Table.Td>
                      <Table.Td ta="right">−{fmt.number(c.cut, 2)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr>
                    <Table.Td fw={700}>{t('lead.total')}</Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {fmt.number(ex.total, 2)}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
