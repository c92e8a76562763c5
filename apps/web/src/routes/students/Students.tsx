import { Box, Button, Group, Stack, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useViewer } from '../../auth/viewer';
import '../../i18n/areas/curator';
import { ForbiddenPage, Loading, NotFoundPage } from '../../ui/states';
import { StudentsList } from './StudentsList';

// The list is in this chunk (the curator's home); the other screens load on demand.
const AtRisk = lazy(() => import('./AtRisk'));
const Scorecard = lazy(() => import('./Scorecard'));
const Agenda = lazy(() => import('./Agenda'));

/**
 * `/students/*`: a curator's students (MEMBER of a course-service squad), or the students of the
 * curators a LEAD, MANAGER or ADMIN runs.
 */
export default function Students() {
  const { me } = useViewer();
  const curator = me.role === 'MEMBER' && me.squad?.legion.kind === 'COURSE_SERVICE';
  if (me.role === 'MEMBER' && !curator) return <ForbiddenPage />;
  return <StudentsScreens curator={curator} />;
}

function StudentsScreens({ curator }: { curator: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const tabs = [
    { path: '', label: 'curator.tabs.students' },
    { path: 'risk', label: 'curator.tabs.risk' },
    { path: 'scorecard', label: 'curator.tabs.scorecard' },
    ...(curator ? [{ path: 'agenda', label: 'curator.tabs.agenda' }] : []),
  ];
  const sub = location.pathname.replace(/^\/students\/?/, '').split('/')[0] ?? '';
  const current = tabs.find((tab) => tab.path === sub);
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {t(current?.label ?? 'nav.students')}
      </Title>
      <Box component="nav" aria-label={t('curator.tabs.label')}>
        <Group gap={6} wrap="wrap" pb={2}>
          {tabs.map((tab) => (
            <Button
              key={tab.path}
              component={Link}
              to={`/students${tab.path ? `/${tab.path}` : ''}`}
              variant={tab.path === current?.path ? 'filled' : 'light'}
              radius="xl"
              size="compact-md"
              aria-current={tab.path === current?.path ? 'page' : undefined}
              data-testid={`students-tab-${tab.path || 'list'}`}
              style={{ flexShrink: 0 }}
            >
              {t(tab.label)}
            </Button>
          ))}
        </Group>
      </Box>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<StudentsList />} />
          <Route path="risk" element={<AtRisk />} />
          <Route path="scorecard" element={<Scorecard />} />
          {curator && <Route path="agenda" element={<Agenda />} />}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Stack>
  );
}
