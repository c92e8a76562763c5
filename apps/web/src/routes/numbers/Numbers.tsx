import { Box, Button, Group, Stack, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import '../../i18n/areas/numbers';
import { useViewer } from '../../auth/viewer';
import { ForbiddenPage, Loading, NotFoundPage } from '../../ui/states';

// The manager's numbers below /numbers: leaderboard definitions with a live preview (home), the
// metric explorer and unit economics. Each screen is its own chunk.
const Boards = lazy(() => import('./Boards'));
const Metrics = lazy(() => import('./Metrics'));
const Economics = lazy(() => import('./Economics'));

const TABS = [
  { path: '', label: 'numbers.tabs.boards' },
  { path: 'metrics', label: 'numbers.tabs.metrics' },
  { path: 'economics', label: 'numbers.tabs.economics' },
] as const;

export default function Numbers() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const location = useLocation();
  const sub = location.pathname.replace(/^\/numbers\/?/, '').split('/')[0] ?? '';
  const current = TABS.find((tab) => tab.path === sub || (tab.path === '' && sub === 'boards'))?.path ?? '';
  if (me.role !== 'MANAGER' && me.role !== 'ADMIN') return <ForbiddenPage />;
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {t(TABS.find((tab) => tab.path === current)!.label)}
      </Title>
      <Box component="nav" aria-label={t('numbers.tabs.label')}>
        <Group gap={6} wrap="wrap" pb={2}>
          {TABS.map((tab) => (
            <Button
              key={tab.path}
              component={Link}
              to={`/numbers${tab.path ? `/${tab.path}` : ''}`}
              variant={tab.path === current ? 'filled' : 'light'}
              radius="xl"
              size="compact-md"
              aria-current={tab.path === current ? 'page' : undefined}
              data-testid={`tab-${tab.path || 'boards'}`}
              style={{ flexShrink: 0 }}
            >
              {t(tab.label)}
            </Button>
          ))}
        </Group>
      </Box>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Boards />} />
          <Route path="boards" element={<Boards />} />
          <Route path="metrics" element={<Metrics />} />
          <Route path="economics" element={<Economics />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Stack>
  );
}
