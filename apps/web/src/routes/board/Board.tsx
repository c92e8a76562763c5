import { Box, Button, Group, Stack, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { Loading, NotFoundPage } from '../../ui/states';
import { Standings } from './Standings';

// The lead's screens below /board: standings (home), watch list and coaching, PK duels, the
// squad's agenda today and the experiment feed. Each tab is its own chunk except the standings.
const WatchList = lazy(() => import('./WatchList'));
const Duels = lazy(() => import('./Duels'));
const SquadToday = lazy(() => import('./SquadToday'));
const Experiments = lazy(() => import('./Experiments'));

const TABS = [
  { path: '', label: 'leaderboard.tabs.standings' },
  { path: 'watch', label: 'leaderboard.tabs.watch' },
  { path: 'duels', label: 'leaderboard.tabs.duels' },
  { path: 'squad', label: 'leaderboard.tabs.squad' },
  { path: 'experiments', label: 'leaderboard.tabs.experiments' },
] as const;

export default function Board() {
  const { t } = useTranslation();
  const location = useLocation();
  const sub = location.pathname.replace(/^\/board\/?/, '').split('/')[0] ?? '';
  const current = TABS.find((tab) => tab.path === sub)?.path ?? '';
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {current === '' ? t('board.title') : t(TABS.find((tab) => tab.path === current)!.label)}
      </Title>
      <Box component="nav" aria-label={t('leaderboard.tabs.label')}>
        {/* The pills wrap onto a second line on phones, so the current one is never scrolled away. */}
        <Group gap={6} wrap="wrap" pb={2}>
          {TABS.map((tab) => (
            <Button
              key={tab.path}
              component={Link}
              to={`/board${tab.path ? `/${tab.path}` : ''}`}
              variant={tab.path === current ? 'filled' : 'light'}
              radius="xl"
              size="compact-md"
              aria-current={tab.path === current ? 'page' : undefined}
              data-testid={`tab-${tab.path || 'standings'}`}
              style={{ flexShrink: 0 }}
            >
              {t(tab.label)}
            </Button>
          ))}
        </Group>
      </Box>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Standings />} />
          <Route path="watch" element={<WatchList />} />
          <Route path="duels" element={<Duels />} />
          <Route path="squad" element={<SquadToday />} />
          <Route path="experiments" element={<Experiments />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Stack>
  );
}
