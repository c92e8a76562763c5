import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { errorCode } from '../api/errors';

/** A centred spinner with a label for screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden />
        <Text c="dimmed" size="sm">
          {label ?? t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

/** Nothing to show (yet): a title, a sentence and an optional action. */
export function Empty({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" py="xl" gap="xs" ta="center">
      <Text fw={600}>{title}</Text>
      {children && (
        <Text c="dimmed" size="sm" maw={420}>
          {children}
        </Text>
      )}
      {action}
    </Stack>
  );
}

/** A whole-page message (403, 404, crash) with a way home. */
export function ErrorPage({ code, title, message }: { code: string; title: string; message: string }) {
  const { t } = useTranslation();
  return (
    <Center py={64} px="md">
      <Stack align="center" gap="sm" ta="center" maw={480}>
        <Text c="dimmed" fw={700} size="xl" aria-hidden>
          {code}
        </Text>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{message}</Text>
        <Button component={Link} to="/" variant="light">
          {t('errors.goHome')}
        </Button>
      </Stack>
    </Center>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <ErrorPage code="403" title={t('errors.forbiddenTitle')} message={t('errors.forbiddenText')} />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <ErrorPage code="404" title={t('errors.notFoundTitle')} message={t('errors.notFoundText')} />;
}

/**
 * A failed query: FORBIDDEN and NOT_FOUND get their pages; a lost connection or another error an
 * alert with a retry button. UNAUTHENTICATED never shows here (the session returns to sign-in).
 */
export function QueryError({ error, onRetry }: { error: CombinedError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const code = errorCode(error);
  if (code === 'FORBIDDEN') return <ForbiddenPage />;
  if (code === 'NOT_FOUND') return <NotFoundPage />;
  const message = code === 'NETWORK' ? t('errors.network') : code === 'UNAVAILABLE' ? t('errors.unavailable') : error.graphQLErrors[0]?.message;
  return (
    <Alert color="red" title={t('errors.loadFailed')} my="md" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message || t('errors.unknown')}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
