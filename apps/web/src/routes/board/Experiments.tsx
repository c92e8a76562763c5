import { Alert, Badge, Button, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SoftBadge } from './SoftBadge';
import { useMutation, useQuery } from 'urql';
import { formMessage } from '../../api/errors';
import { useFormat } from '../../auth/viewer';
import type { ExperimentFeedFilter, ExperimentFeedQuery } from '../../gql/graphql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { AdoptExperimentDoc, ExperimentFeedDoc } from './operations';
import { useManagedSquads } from './useManagedSquads';

type Experiment = ExperimentFeedQuery['experimentFeed']['nodes'][number];

const STATUS_COLOR: Record<string, string> = { PUBLISHED: 'teal', CONCLUDED: 'blue', RUNNING: 'green', STOPPED: 'orange', DRAFT: 'gray', ARCHIVED: 'gray' };
const VERDICT_COLOR: Record<string, string> = { WIN: 'teal', LOSS: 'red', INCONCLUSIVE: 'gray' };

/** The organization's experiments, published learnings first, with "adopt" for the squads I run. */
export default function Experiments() {
  const { t } = useTranslation();
  const { squads, refetch: refetchSquads } = useManagedSquads();
  const [reload, setReload] = useState(0);
  useRefetchOnRetry(() => {
    refetchSquads({ requestPolicy: 'network-only' });
    setReload((n) => n + 1);
  });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('experiments.intro')}
      </Text>
      <ExperimentFeedList reload={reload} squads={squads} />
    </Stack>
  );
}

/**
 * The feed, page by page (also the managers' feed on /experiments, with filters and links to
 * each experiment). `reload` remounts the pages (after a reconnect).
 */
export function ExperimentFeedList({
  filter,
  squads,
  reload = 0,
  linkTo,
}: {
  filter?: ExperimentFeedFilter;
  squads: { id: string; name: string }[];
  reload?: number;
  linkTo?: (id: string) => string;
}) {
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const key = JSON.stringify(filter ?? {});
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setPages([null]);
  }
  return (
    <Stack gap="sm" data-testid="experiment-feed">
      {pages.map((after, i) => (
        <FeedPage
          key={`${after ?? 'first'}:${reload}:${key}`}
          after={after}
          filter={filter}
          squads={squads}
          linkTo={linkTo}
          last={i === pages.length - 1}
          onMore={(cursor) => setPages((p) => [...p, cursor])}
        />
      ))}
    </Stack>
  );
}

function FeedPage({
  after,
  filter,
  squads,
  linkTo,
  last,
  onMore,
}: {
  after: string | null;
  filter?: ExperimentFeedFilter;
  squads: { id: string; name: string }[];
  linkTo?: (id: string) => string;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: ExperimentFeedDoc, variables: { after, filter } });
  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  const feed = data.experimentFeed;
  if (after == null && feed.nodes.length === 0) return <Empty title={t('experiments.emptyTitle')}>{t('experiments.emptyText')}</Empty>;
  return (
    <>
      {feed.nodes.map((e) => (
        <ExperimentCard key={e.id} experiment={e} squads={squads} to={linkTo?.(e.id)} />
      ))}
      {last && feed.pageInfo.hasNextPage && feed.pageInfo.endCursor && (
        <Group justify="center">
          <Button variant="light" onClick={() => onMore(feed.pageInfo.endCursor!)}>
            {t('experiments.more')}
          </Button>
        </Group>
      )}
    </>
  );
}

function ExperimentCard({ experiment: e, squads, to }: { experiment: Experiment; squads: { id: string; name: string }[]; to?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [adoptions, setAdoptions] = useState(e.adoptions);
  const adopted = new Set(adoptions.map((a) => a.squadId));
  const candidates = squads.filter((s) => s.id !== e.squad.id && !adopted.has(s.id));
  const [squadId, setSquadId] = useState<string>('');
  const target = candidates.find((s) => s.id === squadId) ?? candidates[0] ?? null;
  const [{ fetching, error }, adopt] = useMutation(AdoptExperimentDoc);
  const [done, setDone] = useState<string | null>(null);
  const onAdopt = async () => {
    if (!target) return;
    const res = await adopt({ id: e.id, squadId: target.id });
    if (res.data?.adoptExperiment) {
      setAdoptions(res.data.adoptExperiment.adoptions);
      setDone(t('experiments.adopted', { squad: target.name }));
    }
  };
  return (
    <Card component="article" withBorder radius="md" padding="sm" data-testid="experiment" data-status={e.status}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700} style={{ flex: '1 1 220px', minWidth: 0 }}>
            {to ? <Link to={to}>{e.title}</Link> : e.title}
          </Text>
          <Group gap={4}>
            <SoftBadge color={STATUS_COLOR[e.status]}>{t(`experiments.status.${e.status}`)}</SoftBadge>
            {e.verdict && (
              <Badge color={VERDICT_COLOR[e.verdict]} variant="outline">
                {t(`experiments.verdict.${e.verdict}`)}
                {e.verdict === 'WIN' && e.winnerVariantKey ? ` · ${e.winnerVariantKey}` : ''}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {t('experiments.byline', { squad: e.squad.name, owner: e.owner.name })}
          {e.publishedAt ? ` · ${t('experiments.publishedAt', { date: fmt.dateTime(e.publishedAt) })}` : ''}
        </Text>
        <Text size="sm">
          <Text span fw={600} size="sm">
            {t('experiments.hypothesis')}:{' '}
          </Text>
          {e.hypothesis}
        </Text>
        {(e.publicationNote || e.summary) && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {e.publicationNote || e.summary}
          </Text>
        )}
        {e.tags.length > 0 && (
          <Group gap={4}>
            {e.tags.map((tag) => (
              <Badge key={tag} size="xs" variant="default">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {adoptions.length
            ? t('experiments.adoptedBy', { squads: adoptions.map((a) => a.squad.name).join(', ') })
            : e.status === 'PUBLISHED'
              ? t('experiments.notAdopted')
              : ''}
        </Text>
        {e.status === 'PUBLISHED' && target && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            {candidates.length > 1 && (
              <NativeSelect
                size="xs"
                label={t('experiments.forSquad')}
                value={target.id}
                onChange={(ev) => setSquadId(ev.currentTarget.value)}
                data={candidates.map((s) => ({ value: s.id, label: s.name }))}
              />
            )}
            <Button size="xs" onClick={onAdopt} loading={fetching} data-testid="adopt">
              {t('experiments.adopt', { squad: target.name })}
            </Button>
          </Group>
        )}
        {done && (
          <Text size="sm" c="teal.9" role="status">
            {done}
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert" p="xs">
            {formMessage(error) ?? t('errors.unknown')}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
