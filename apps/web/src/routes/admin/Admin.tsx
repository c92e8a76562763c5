import { Box, Button, Group, Stack, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { Loading, NotFoundPage } from '../../ui/states';

// One lazy chunk per admin screen.
const Structure = lazy(() => import('./structure/Structure'));
const Users = lazy(() => import('./users/Users'));
const ApiKeys = lazy(() => import('./keys/ApiKeys'));
const Surveys = lazy(() => import('./surveys/Surveys'));
const Import = lazy(() => import('./import/Import'));
const Audit = lazy(() => import('./audit/Audit'));

const TABS = [
  { path: '', label: 'nav.adminTabs.structure', element: <Structure /> },
  { path: 'users', label: 'nav.adminTabs.users', element: <Users /> },
  { path: 'keys', label: 'nav.adminTabs.keys', element: <ApiKeys /> },
  { path: 'surveys', label: 'nav.adminTabs.surveys', element: <Surveys /> },
  { path: 'import', label: 'nav.adminTabs.import', element: <Import /> },
  { path: 'audit', label: 'nav.adminTabs.audit', element: <Audit /> },
] as const;

/** `/admin/*`: organization structure, users, API keys, intake surveys, CSV import, audit log. */
export default function Admin() {
  const { t } = useTranslation();
  const location = useLocation();
  const sub = location.pathname.replace(/^\/admin\/?/, '').split('/')[0] ?? '';
  const current = TABS.find((tab) => tab.path === sub);
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {t(current?.label ?? 'nav.admin')}
      </Title>
      <Box component="nav" aria-label={t('nav.adminTabs.label')}>
        <Group gap={6} wrap="wrap" pb={2}>
          {TABS.map((tab) => (
            <Button
              key={tab.path}
              component={Link}
              to={`/admin${tab.path ? `/${tab.path}` : ''}`}
              variant={tab.path === current?.path ? 'filled' : 'light'}
              radius="xl"
              size="compact-md"
              aria-current={tab.path === current?.path ? 'page' : undefined}
              data-testid={`admin-tab-${tab.path || 'structure'}`}
              style={{ flexShrink: 0 }}
            >
              {t(tab.label)}
            </Button>
          ))}
        </Group>
      </Box>
      <Suspense fallback={<Loading />}>
        <Routes>
          {TABS.map((tab) => (
            <Route key={tab.path} path={tab.path ? `${tab.path}/*` : undefined} index={!tab.path} element={tab.element} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Stack>
  );
}
