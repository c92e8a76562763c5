import { Button, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../auth/viewer';
import type { ListItem } from './sheet';
import { StateBadge } from './ItemCard';
import { itemState } from './status';
import classes from './Today.module.css';

type Item = ListItem;

interface Props {
  title: string;
  items: Item[];
  now: Date;
  selectedId: string | null;
  onSelect: (id: string) => void;
  showDate?: boolean;
  testId?: string;
  /** Show at most this many rows until "Show all" is pressed. */
  limit?: number;
}

/** A section of the day: each item with its time, lead and state; a click (or Enter) opens it. */
export function AgendaList({ title, items, now, selectedId, onSelect, showDate, testId, limit }: Props) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  const shown = limit && !all ? items.slice(0, limit) : items;
  return (
    <Card withBorder radius="md" padding="xs" data-testid={testId}>
      <Text fw={700} px="xs" pt={4} pb={6} component="h2" size="md">
        {title}
      </Text>
      <Stack gap={2} component="ul" className={classes.list}>
        {shown.map((item) => (
          <li key={item.id}>
            <UnstyledButton
              className={classes.row}
              data-selected={item.id === selectedId || undefined}
              aria-current={item.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(item.id)}
              data-testid="agenda-row"
              data-item-id={item.id}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text size="sm" ff="monospace" c="dimmed" style={{ flexShrink: 0 }}>
                    {showDate ? fmt.dayTime(item.dueAt) : fmt.time(item.dueAt)}
                  </Text>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {item.step.title}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {item.lead ? item.lead.name : t('today.wholeGroup')}
                    </Text>
                  </div>
                </Group>
                {itemState(item, now) !== 'upcoming' && <StateBadge state={itemState(item, now)} />}
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      {shown.length < items.length && (
        <Button variant="subtle" size="compact-sm" mx="xs" my={4} onClick={() => setAll(true)}>
          {t('today.showAll', { count: items.length })}
        </Button>
      )}
    </Card>
  );
}
