import '../../i18n/areas/playbooks';
import { Box, Button, Group, Stack, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useViewer } from '../../auth/viewer';
import { ForbiddenPage, Loading, NotFoundPage } from '../../ui/states';
import { PlaybookList } from './PlaybookList';

// Playbooks of the legions (list, versions, editor, compare) and cohorts. The editor, the
// comparison and the cohorts are chunks of their own.
const PlaybookDetail = lazy(() => import('./PlaybookDetail'));
const Editor = lazy(() => import('./Editor'));
const Compare = lazy(() => import('./Compare'));
const Cohorts = lazy(() => import('./Cohorts'));

const TABS = [
  { path: '', label: 'nav.playbooks' },
  { path: 'cohorts', label: 'playbooks.tabs.cohorts' },
] as const;

export default function Playbooks() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const location = useLocation();
  if (me.role === 'MEMBER') return <ForbiddenPage />;
  const sub = location.pathname.replace(/^\/playbooks\/?/, '').split('/')[0] ?? '';
  const current = sub === 'cohorts' ? 'cohorts' : '';
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {current === 'cohorts' ? t('playbooks.tabs.cohorts') : t('nav.playbooks')}
      </Title>
      <Box component="nav" aria-label={t('playbooks.tabs.label')}>
        <Group gap={6} wrap="wrap" pb={2}>
          {TABS.map((tab) => (
            <Button
              key={tab.path}
              component={Link}
              to={`/playbooks${tab.path ? `/${tab.path}` : ''}`}
              variant={tab.path === current ? 'filled' : 'light'}
              radius="xl"
              size="compact-md"
              aria-current={tab.path === current && sub === current ? 'page' : undefined}
              data-testid={`tab-${tab.path || 'list'}`}
            >
              {t(tab.label)}
            </Button>
          ))}
        </Group>
      </Box>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<PlaybookList />} />
          <Route path="cohorts" element={<Cohorts />} />
          <Route path=":id" element={<PlaybookDetail />} />
          <Route path=":id/edit" element={<Editor />} />
          <Route path=":id/compare" element={<Compare />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Stack>
  );
}
