import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../auth/viewer';
import { SoftBadge } from '../board/SoftBadge';
import { daysBetween, formatLocalDay, installmentState, latestNps, npsGroup, progressOf, type StudentRow } from './students';

const NPS_COLOR = { promoter: 'green', passive: 'yellow', detractor: 'red' } as const;
const INSTALLMENT_COLOR = { overdue: 'red', paying: 'blue', paid: 'green', none: 'gray' } as const;

export function ProgressCell({ row }: { row: StudentRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const share = progressOf(row);
  return (
    <Stack gap={2} miw={110}>
      <Group justify="space-between" gap={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          {share == null ? '—' : fmt.percent(share)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('curator.lessons', { done: row.lessonsCompleted, total: row.lessonsTotal })}
        </Text>
      </Group>
      <Progress value={(share ?? 0) * 100} size="sm" aria-label={t('curator.col.progress')} />
    </Stack>
  );
}

export function LastStudyCell({ row }: { row: StudentRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!row.lastStudyDay) {
    return (
      <Text size="sm" c="dimmed">
        {t('curator.neverStudied')}
      </Text>
    );
  }
  const days = daysBetween(row.lastStudyDay, fmt.localToday);
  return (
    <Stack gap={0}>
      <Text size="sm">{formatLocalDay(row.lastStudyDay, fmt.locale)}</Text>
      <Text size="xs" c={days >= 7 ? 'red.8' : 'dimmed'}>
        {days <= 0 ? t('curator.studiedToday') : t('curator.daysAgo', { count: days })}
      </Text>
    </Stack>
  );
}

export function NpsCell({ row }: { row: StudentRow }) {
  const { t } = useTranslation();
  const score = latestNps(row);
  if (score == null) {
    return (
      <Text size="sm" c="dimmed">
        {t('curator.noNps')}
      </Text>
    );
  }
  const group = npsGroup(score);
  return (
    <SoftBadge color={NPS_COLOR[group]} data-testid="nps">
      {score} · {t(`curator.npsGroup.${group}`)}
    </SoftBadge>
  );
}

export function InstallmentCell({ row }: { row: StudentRow }) {
  const { t } = useTranslation();
  const state = installmentState(row.installments);
  const total = row.installments.paid + row.installments.unpaid;
  return (
    <Stack gap={2} align="flex-start">
      <SoftBadge color={INSTALLMENT_COLOR[state]} data-testid="installments">
        {t(`curator.installment.${state}`)}
      </SoftBadge>
      {total > 0 && (
        <Text size="xs" c="dimmed">
          {t('curator.installmentsPaid', { paid: row.installments.paid, total })}
        </Text>
      )}
    </Stack>
  );
}
