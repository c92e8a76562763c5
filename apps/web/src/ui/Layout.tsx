import { AppShell, Avatar, Box, Button, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { useViewer } from '../auth/viewer';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitcher } from './LanguageSwitcher';
import { Loading } from './states';
import { navItemsFor } from '../routes/nav';
import classes from './Layout.module.css';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** The signed-in frame: header with the screens of the role, language, user menu; the screen below. */
export function Layout() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const { me, org, setLanguage } = useViewer();
  const location = useLocation();
  const items = navItemsFor(me.role, me.squad?.legion.kind);
  const compact = items.length > 2;
  const current = items.find((item) => location.pathname === item.to || location.pathname.startsWith(`${item.to}/`));
  return (
    <AppShell header={{ height: 56 }} padding={0}>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Text fw={800} c="blue.8" size="lg" visibleFrom="xs">
              SquadOps
            </Text>
            {/* Up to two screens, or from tablet width: links in the header. A phone with more
                screens gets one menu button naming the current screen, so nothing wraps. */}
            <Box component="nav" aria-label={t('nav.label')} className={classes.nav} visibleFrom={compact ? 'sm' : undefined}>
              {items.map((item) => (
                <NavLink key={item.to} to={item.to} className={classes.link}>
                  {t(item.label)}
                </NavLink>
              ))}
            </Box>
            {compact && (
              <Box component="nav" aria-label={t('nav.label')} hiddenFrom="sm">
                <Menu position="bottom-start" withinPortal>
                  <Menu.Target>
                    <Button variant="light" size="compact-md" rightSection={<span aria-hidden>▾</span>} data-testid="nav-menu">
                      {t(current?.label ?? 'nav.label')}
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {items.map((item) => (
                      <Menu.Item
                        key={item.to}
                        component={NavLink}
                        to={item.to}
                        aria-current={item === current ? 'page' : undefined}
                        fw={item === current ? 700 : undefined}
                      >
                        {t(item.label)}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              </Box>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher onChange={setLanguage} />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`${t('nav.account')}: ${me.name}`} className={classes.account} data-testid="account-menu">
                  <Avatar size={32} color="blue" hiddenFrom="sm" aria-hidden>
                    {initials(me.name)}
                  </Avatar>
                  <Text size="sm" fw={600} truncate maw={160} visibleFrom="sm">
                    {me.name}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {me.email} · {t(`roles.${me.role}`)}
                </Menu.Label>
                <Menu.Label>{org.name}</Menu.Label>
                <Menu.Item onClick={() => signOut('signedOut')} data-testid="sign-out">
                  {t('nav.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Box component="main" px={{ base: 'sm', sm: 'lg' }} py="md" maw={1200} mx="auto">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

/** Sign-out as a plain button (used where there is no header). */
export function SignOutButton() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  return (
    <Button variant="subtle" onClick={() => signOut('signedOut')}>
      {t('nav.signOut')}
    </Button>
  );
}
