import { Badge, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { graphql } from '../../gql';
import { Empty, Loading, QueryError } from '../../ui/states';

const BoardsDoc = graphql(`
  query BoardList {
    leaderboardDefinitions {
      id
      name
      scope
      teamKind
      periodKind
      populationName
    }
  }
`);

/**
 * The sales lead's home: the boards they can see. The full Board screens (standings, live
 * updates, watch list, duels) are built on this route; see docs/web.md.
 */
export default function Board() {
  const { t } = useTranslation();
  const { retryNonce } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: BoardsDoc });
  useEffect(() => {
    if (retryNonce > 0) refetch({ requestPolicy: 'network-only' });
  }, [retryNonce, refetch]);

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data || fetching) return <Loading />;
  const boards = data.leaderboardDefinitions;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('board.title')}
      </Title>
      {boards.length === 0 ? (
        <Empty title={t('board.emptyTitle')}>{t('board.emptyText')}</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {boards.map((b) => (
            <Card key={b.id} withBorder radius="md">
              <Text fw={600}>{b.name}</Text>
              <Text size="sm" c="dimmed">
                {b.populationName ?? t('board.wholeOrganization')}
              </Text>
              <Badge mt="xs" variant="light">
                {t(`board.scope.${b.scope}`)} · {t(`periodKind.${b.periodKind}`)}
              </Badge>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
