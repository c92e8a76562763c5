import { Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';

/** Shown while the API cannot be reached; retries on its own every few seconds and on the button. */
export function ConnectionBanner() {
  const { connection, retry } = useSession();
  const { t } = useTranslation();
  if (connection !== 'lost') return null;
  return (
    <Paper
      role="alert"
      radius={0}
      px="md"
      py="xs"
      bg="orange.1"
      c="dark.9"
      shadow="md"
      pos="fixed"
      bottom={0}
      left={0}
      right={0}
      style={{ zIndex: 1000 }}
      data-testid="connection-banner"
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500}>
          {t('connection.lost')}
        </Text>
        <Button size="compact-sm" variant="white" color="orange.9" onClick={retry}>
          {t('common.retry')}
        </Button>
      </Group>
    </Paper>
  );
}
