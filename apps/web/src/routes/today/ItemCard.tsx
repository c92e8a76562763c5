import { Badge, Button, Card, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../auth/viewer';
import type { ItemDetails, ListItem } from './sheet';
import type { CombinedError } from 'urql';
import { Loading, QueryError } from '../../ui/states';
import { formatCountdown } from '../../lib/format';
import { ObjectionsPanel } from './ObjectionsPanel';
import { itemState, STATE_COLOR, type ItemState } from './status';

type Item = ListItem;

export function StateBadge({ state }: { state: ItemState }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATE_COLOR[state]}
      variant={state === 'upcoming' ? 'light' : 'filled'}
      data-testid="item-state"
      data-state={state}
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      {t(`itemState.${state}`)}
    </Badge>
  );
}

/** Due-time and on-time countdowns (or when it was done / skipped / missed). */
export function Timing({ item, now }: { item: Item; now: Date }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const state = itemState(item, now);
  const due = new Date(item.dueAt).getTime() - now.getTime();
  const deadline = new Date(item.onTimeDeadline).getTime() - now.getTime();
  const line = (label: string, value: string, testId?: string) => (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} ff="monospace" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
  switch (state) {
    case 'upcoming':
      return (
        <Stack gap={2}>
          {line(t('today.dueAt', { time: fmt.time(item.dueAt) }), t('today.inTime', { clock: formatCountdown(due) }), 'countdown-due')}
          {line(t('today.onTimeUntil', { time: fmt.time(item.onTimeDeadline) }), t('today.inTime', { clock: formatCountdown(deadline) }), 'countdown-deadline')}
        </Stack>
      );
    case 'dueNow':
      return (
        <Stack gap={2}>
          {line(t('today.dueSince', { time: fmt.time(item.dueAt) }), t('today.agoTime', { clock: formatCountdown(-due) }), 'countdown-due')}
          {line(t('today.onTimeUntil', { time: fmt.time(item.onTimeDeadline) }), t('today.inTime', { clock: formatCountdown(deadline) }), 'countdown-deadline')}
        </Stack>
      );
    case 'late':
      return line(
        t('today.lateSince', { time: fmt.time(item.onTimeDeadline) }),
        t('today.agoTime', { clock: formatCountdown(-deadline) }),
        'countdown-deadline',
      );
    case 'doneOnTime':
    case 'doneLate':
      return line(t('today.doneAt'), item.completedAt ? fmt.dateTime(item.completedAt) : '—');
    case 'skipped':
      return line(t('today.skippedBecause'), item.skipReason ?? '—');
    case 'missed':
      return line(t('today.missedAt'), item.missedAt ? fmt.dateTime(item.missedAt) : '—');
    case 'cancelled':
      return line(t('today.cancelledBecause'), item.cancelReason ? t(`cancelReason.${item.cancelReason}`) : '—', 'cancel-reason');
  }
}

interface Props {
  item: Item;
  /** Its script and objections (`details` null while they load: useItemDetails). */
  details: { details: ItemDetails | null; error?: CombinedError; retry: () => void };
  now: Date;
  onOpenLead: (leadId: string) => void;
  onComplete: () => void;
  onSkip: () => void;
  onLogged: (log: Item['objectionLogs'][number]) => void;
}

/** The item being worked on: timing, the lead, the persona's script, objections and actions. */
export function ItemCard({ item, details: { details, error, retry }, now, onOpenLead, onComplete, onSkip, onLogged }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const state = itemState(item, now);
  const pending = item.status === 'PENDING';
  return (
    <Card withBorder radius="md" padding="md" data-testid="current-item" data-item-id={item.id} aria-labelledby="current-item-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`channel.${item.step.channel}`)} · {item.localDate === fmt.localToday ? fmt.time(item.dueAt) : fmt.dateTime(item.dueAt)}
            </Text>
            <Title order={2} size="h3" id="current-item-title">
              {item.step.title}
            </Title>
          </div>
          <StateBadge state={state} />
        </Group>
        <Text size="sm" c="dimmed">
          {item.step.goal}
        </Text>
        <Timing item={item} now={now} />
        {item.lead ? (
          <Group gap="xs">
            <Button variant="light" size="sm" onClick={() => onOpenLead(item.lead!.id)} data-testid="open-lead" aria-haspopup="dialog">
              {item.lead.name}
            </Button>
            {item.lead.tier && (
              <Badge variant="filled" color="blue">
                {t('lead.tier', { tier: item.lead.tier })}
              </Badge>
            )}
            {item.lead.persona && (
              <Badge variant="outline" color="blue">
                {t('lead.persona', { persona: item.lead.persona })}
              </Badge>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('today.groupStep')}
          </Text>
        )}
        {!details && <div data-testid="item-details-loading">{error ? <QueryError error={error} onRetry={retry} /> : <Loading />}</div>}
        {details?.script && (
          <Paper withBorder p="sm" bg="gray.0" radius="md">
            <Group justify="space-between" mb={6} wrap="nowrap">
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {details.script.persona ? t('today.scriptFor', { persona: details.script.persona }) : t('today.scriptDefault')}
              </Text>
              <CopyButton value={details.script.text} timeout={2000}>
                {({ copied, copy }) => (
                  <Button size="compact-sm" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : 'blue'} onClick={copy} data-testid="copy-script">
                    {copied ? t('today.copied') : t('today.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="md" style={{ whiteSpace: 'pre-wrap' }} data-testid="script-text">
              {details.script.text}
            </Text>
            {details.script.missingVariables.length > 0 && (
              <Text size="xs" c="red.9" mt={6}>
                {t('today.missingVariables', { names: details.script.missingVariables.join(', ') })}
              </Text>
            )}
          </Paper>
        )}
        {item.note && (
          <Text size="sm">
            <b>{t('today.note')}:</b> {item.note}
          </Text>
        )}
        {details && <ObjectionsPanel item={{ ...item, ...details }} onLogged={onLogged} />}
        {pending && (
          <Group grow gap="sm" pos="sticky" bottom={0} py="xs" bg="white" style={{ zIndex: 2 }}>
            <Button color="green" size="md" onClick={onComplete} data-testid="complete">
              {t('today.complete')}
            </Button>
            <Button color="gray" variant="light" size="md" onClick={onSkip} data-testid="skip">
              {t('today.skip')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
