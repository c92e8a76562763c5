import { Button, Group, NativeSelect, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { useQuery } from 'urql';
import '../../i18n/areas/exp';
import { useViewer } from '../../auth/viewer';
import type { ExperimentFeedFilter, ExperimentStatus, ExperimentVerdict, TeamKind } from '../../gql/graphql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { ForbiddenPage, NotFoundPage } from '../../ui/states';
import { ExperimentFeedList } from '../board/Experiments';
import { useManagedSquads } from '../board/useManagedSquads';
import CreateExperiment from './CreateExperiment';
import ExperimentPage from './ExperimentPage';
import { ExperimentSetupDoc } from './operations';

const STATUSES: ExperimentStatus[] = ['DRAFT', 'RUNNING', 'STOPPED', 'CONCLUDED', 'PUBLISHED', 'ARCHIVED'];
const VERDICTS: ExperimentVerdict[] = ['WIN', 'LOSS', 'INCONCLUSIVE'];
const KINDS: TeamKind[] = ['PRE_SALES', 'COURSE_SERVICE'];

/** /experiments/*: the managers' experiments (feed, mine, create, one experiment). */
export default function Experiments() {
  const { me } = useViewer();
  if (me.role !== 'ADMIN' && me.role !== 'MANAGER' && me.role !== 'LEAD') return <ForbiddenPage />;
  return (
    <Routes>
      <Route index element={<ExperimentsHome />} />
      <Route path="new" element={<CreateExperiment />} />
      <Route path=":id" element={<ExperimentPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ExperimentsHome() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const { squads, refetch: refetchSquads } = useManagedSquads();
  const [{ data: setup }, refetchSetup] = useQuery({ query: ExperimentSetupDoc });
  const [reload, setReload] = useState(0);
  useRefetchOnRetry(() => {
    refetchSquads({ requestPolicy: 'network-only' });
    refetchSetup({ requestPolicy: 'network-only' });
    setReload((n) => n + 1);
  });
  const [kind, setKind] = useState('');
  const [legionId, setLegionId] = useState('');
  const [verdict, setVerdict] = useState('');
  const [status, setStatus] = useState('');
  const legions = (setup?.legions ?? []).filter((l) => !kind || l.kind === kind);
  const feedFilter: ExperimentFeedFilter = {
    ...(kind ? { teamKind: kind as TeamKind } : {}),
    ...(legionId && legions.some((l) => l.id === legionId) ? { legionId } : {}),
    ...(verdict ? { verdict: verdict as ExperimentVerdict } : {}),
  };
  const mineFilter: ExperimentFeedFilter = { ownerId: me.id, ...(status ? { status: status as ExperimentStatus } : {}) };
  const linkTo = (id: string) => `/experiments/${id}`;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 260px' }}>
          <Title order={1} size="h2">
            {t('nav.experiments')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('exp.home.intro')}
          </Text>
        </Stack>
        <Button component={Link} to="/experiments/new" data-testid="new-experiment">
          {t('exp.home.new')}
        </Button>
      </Group>
      <Tabs defaultValue="feed" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="feed">{t('exp.home.feedTab')}</Tabs.Tab>
          <Tabs.Tab value="mine" data-testid="mine-tab">
            {t('exp.home.mineTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="feed" pt="sm">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
              <NativeSelect
                label={t('exp.home.teamKind')}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value)}
                data={[{ value: '', label: t('exp.home.all') }, ...KINDS.map((k) => ({ value: k, label: t(`exp.kind.${k}`) }))]}
              />
              <NativeSelect
                label={t('exp.home.legion')}
                value={legionId}
                onChange={(e) => setLegionId(e.currentTarget.value)}
                data={[{ value: '', label: t('exp.home.all') }, ...legions.map((l) => ({ value: l.id, label: l.name }))]}
                data-testid="filter-legion"
              />
              <NativeSelect
                label={t('exp.home.result')}
                value={verdict}
                onChange={(e) => setVerdict(e.currentTarget.value)}
                data={[{ value: '', label: t('exp.home.all') }, ...VERDICTS.map((v) => ({ value: v, label: t(`experiments.verdict.${v}`) }))]}
                data-testid="filter-verdict"
              />
            </SimpleGrid>
            <ExperimentFeedList filter={feedFilter} squads={squads} reload={reload} linkTo={linkTo} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="mine" pt="sm">
          <Stack gap="sm">
            <NativeSelect
              label={t('exp.home.status')}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value)}
              data={[{ value: '', label: t('exp.home.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`experiments.status.${s}`) }))]}
              maw={320}
            />
            <ExperimentFeedList filter={mineFilter} squads={squads} reload={reload} linkTo={linkTo} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
