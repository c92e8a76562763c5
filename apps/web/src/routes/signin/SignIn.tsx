import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useMutation } from 'urql';
import { errorCode, errorFor, formMessage } from '../../api/errors';
import { useSession } from '../../auth/session';
import { graphql } from '../../gql';
import { savedLanguageOf } from '../../i18n';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher';
import i18next from 'i18next';

const LoginDoc = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      expiresAt
      user {
        id
        role
      }
    }
  }
`);

/** Email + password sign-in; returns to the page that asked for it. */
export default function SignIn() {
  const { t } = useTranslation();
  const { session, signIn, reason } = useSession();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<{ email?: string; password?: string }>({});
  const [{ fetching, error }, login] = useMutation(LoginDoc);

  const from = (location.state as { from?: string } | null)?.from;
  if (session) return <Navigate to={from && from !== '/signin' ? from : '/'} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof local = {};
    if (!email.trim()) problems.email = t('signin.emailRequired');
    if (!password) problems.password = t('signin.passwordRequired');
    setLocal(problems);
    if (problems.email || problems.password) return;
    const res = await login({ email: email.trim(), password });
    const payload = res.data?.login;
    if (payload) {
      const saved = savedLanguageOf(payload.user.id);
      if (saved && saved !== i18next.language) await i18next.changeLanguage(saved);
      signIn({ token: payload.accessToken, expiresAt: payload.expiresAt, userId: payload.user.id });
    }
  };

  const code = errorCode(error);
  const message =
    code === 'UNAUTHENTICATED'
      ? t('signin.wrongCredentials')
      : code === 'RATE_LIMITED'
        ? t('signin.rateLimited')
        : code === 'NETWORK'
          ? t('errors.network')
          : formMessage(error, ['email', 'password']);

  return (
    <Box mih="100dvh" bg="gray.0">
      <Group justify="flex-end" p="sm">
        <LanguageSwitcher />
      </Group>
      <Center px="md" pb="xl">
        <Paper component="main" withBorder shadow="sm" radius="md" p="lg" w="100%" maw={400}>
          <form onSubmit={submit} noValidate aria-labelledby="signin-title">
            <Stack gap="md">
              <div>
                <Title order={1} size="h2" id="signin-title">
                  {t('signin.title')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('signin.subtitle')}
                </Text>
              </div>
              {reason === 'expired' && (
                <Alert color="yellow" role="status" data-testid="session-expired">
                  {t('signin.expired')}
                </Alert>
              )}
              {reason === 'signedOut' && (
                <Alert color="blue" role="status">
                  {t('signin.signedOut')}
                </Alert>
              )}
              {message && (
                <Alert color="red" role="alert" data-testid="signin-error">
                  {message}
                </Alert>
              )}
              <TextInput
                label={t('signin.email')}
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={local.email ?? errorFor(error, 'email')}
                name="email"
              />
              <PasswordInput
                label={t('signin.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={local.password ?? errorFor(error, 'password')}
                name="password"
              />
              <Button type="submit" loading={fetching} fullWidth size="md">
                {t('signin.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
