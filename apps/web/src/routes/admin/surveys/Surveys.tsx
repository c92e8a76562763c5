import '../../../i18n/areas/adminData';
import { Alert, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Tabs, Text, Title, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { formMessage } from '../../../api/errors';
import { useFormat, useViewer } from '../../../auth/viewer';
import { addDays, startOfLocalDate } from '../../../lib/format';
import { useRefetchOnRetry } from '../../../lib/useRetry';
import { Empty, ForbiddenPage, Loading, QueryError } from '../../../ui/states';
import { SoftBadge } from '../../board/SoftBadge';
import { CalibrationChart, CalibrationLegend } from './CalibrationChart';
import { groupByQuestion } from './calibration';
import type { AdminSurveyListQuery } from '../../../gql/graphql';
import type { Definition } from './definition';
import { DraftEditor } from './DraftEditor';
import { toDefinitionInput } from './definition';
import { RescoreSurveyDoc, SaveSurveyDraftDoc, SurveyCalibrationDoc, SurveyDetailDoc, SurveyListDoc } from './operations';
import { ScrollRegion } from '../ScrollRegion';

const WINDOWS = [28, 56, 91, 182, 365] as const;

/** `/admin/surveys`: the surveys with their versions; a survey's calibration, draft editor and publishing. */
export default function Surveys() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const [{ data, error }, refetch] = useQuery({ query: SurveyListDoc, pause: me.role !== 'ADMIN' && me.role !== 'MANAGER' });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  if (me.role !== 'ADMIN' && me.role !== 'MANAGER') return <ForbiddenPage />;
  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  if (data.surveys.length === 0) return <Empty title={t('adminData.surveys.emptyTitle')}>{t('adminData.surveys.emptyText')}</Empty>;
  const chosen = data.surveys.find((s) => s.id === params.get('survey')) ?? data.surveys[0]!;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('adminData.surveys.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" data-testid="survey-list">
        {data.surveys.map((s) => {
          const active = s.id === chosen.id;
          return (
            <UnstyledButton
              key={s.id}
              onClick={() => setParams({ survey: s.id })}
              aria-current={active ? 'true' : undefined}
              data-testid="survey-card"
              style={{ borderRadius: 8 }}
            >
              <Card
                withBorder
                radius="md"
                padding="sm"
                style={{ borderColor: active ? 'var(--mantine-color-blue-6)' : undefined, borderWidth: active ? 2 : 1 }}
              >
                <Stack gap={4}>
                  <Text fw={700}>{s.name}</Text>
                  <Group gap={6} wrap="wrap">
                    <SoftBadge color="grape">{t(`adminData.surveys.kind.${s.kind}`)}</SoftBadge>
                    {s.currentVersion && <SoftBadge color="teal">{t('adminData.surveys.publishedVersion', { version: s.currentVersion.version })}</SoftBadge>}
                    {s.draft && <SoftBadge color="yellow">{t('adminData.surveys.draftVersion', { version: s.draft.version })}</SoftBadge>}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('adminData.surveys.updated', { when: fmt.dateTime(s.updatedAt) })}
                  </Text>
                </Stack>
              </Card>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      <SurveyDetail key={chosen.id} survey={chosen} onChanged={() => refetch({ requestPolicy: 'network-only' })} />
    </Stack>
  );
}

type ListedSurvey = AdminSurveyListQuery['surveys'][number];

function SurveyDetail({ survey, onChanged }: { survey: ListedSurvey; onChanged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [tab, setTab] = useState<string | null>(survey.currentVersion ? 'calibration' : 'draft');
  const [{ data, error }, refetch] = useQuery({ query: SurveyDetailDoc, variables: { id: survey.id }, requestPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState<string | null>(null);
  const [start, doStart] = useMutation(SaveSurveyDraftDoc);
  const changed = (text: string) => {
    setNotice(text);
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  };
  const s = data?.survey;
  return (
    <Stack gap="sm" data-testid="survey-detail">
      <Title order={2} size="h3">
        {survey.name}
      </Title>
      <ScrollRegion label={t('adminData.surveys.versionsLabel')} minWidth={560}>
        <Table striped data-testid="survey-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminData.surveys.version')}</Table.Th>
              <Table.Th>{t('adminData.surveys.status')}</Table.Th>
              <Table.Th>{t('adminData.surveys.created')}</Table.Th>
              <Table.Th>{t('adminData.surveys.published')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {survey.versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  {v.version}
                  {v.id === survey.currentVersion?.id ? ` · ${t('adminData.surveys.current')}` : ''}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <SoftBadge color={v.status === 'PUBLISHED' ? 'teal' : 'yellow'} style={{ minWidth: 'max-content' }}>
                    {t(`adminData.surveys.versionStatus.${v.status}`)}
                  </SoftBadge>
                </Table.Td>
                <Table.Td>{fmt.dateTime(v.createdAt)}</Table.Td>
                <Table.Td>{v.publishedAt ? fmt.dateTime(v.publishedAt) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {notice && (
        <Text role="status" c="teal.9" size="sm" fw={600} data-testid="survey-notice">
          {notice}
        </Text>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="calibration" data-testid="tab-calibration">
            {t('adminData.surveys.tabs.calibration')}
          </Tabs.Tab>
          <Tabs.Tab value="draft" data-testid="tab-draft">
            {t('adminData.surveys.tabs.draft')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="calibration" pt="sm">
          {survey.currentVersion ? (
            <Calibration surveyId={survey.id} kind={survey.kind} onChanged={changed} />
          ) : (
            <Empty title={t('adminData.surveys.calibration.unpublishedTitle')}>{t('adminData.surveys.calibration.unpublishedText')}</Empty>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="draft" pt="sm">
          {error && !data ? (
            <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
          ) : !s ? (
            <Loading />
          ) : s.draft ? (
            <DraftEditor
              key={`${s.draft.id}:${s.draft.updatedAt}`}
              surveyId={s.id}
              name={s.name}
              kind={s.kind}
              version={s.draft.version}
              definition={s.draft.definition as Definition}
              issues={s.draft.issues}
              onChanged={changed}
            />
          ) : s.currentVersion ? (
            <Empty
              title={t('adminData.surveys.draft.noneTitle')}
              action={
                <Button
                  loading={start.fetching}
                  data-testid="start-draft"
                  onClick={async () => {
                    const res = await doStart({ input: { surveyId: s.id, definition: toDefinitionInput(s.currentVersion!.definition as Definition) } });
                    if (res.data) changed(t('adminData.surveys.draft.started', { version: res.data.saveSurveyDraft.version }));
                  }}
                >
                  {t('adminData.surveys.draft.start', { version: s.currentVersion.version })}
                </Button>
              }
            >
              {t('adminData.surveys.draft.noneText')}
              {start.error && <Alert color="red">{formMessage(start.error)}</Alert>}
            </Empty>
          ) : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** Conversion by answer over a window of days, with re-scoring of the survey's leads. */
function Calibration({ surveyId, kind, onChanged }: { surveyId: string; kind: string; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [days, setDays] = useState<number>(56);
  const range = useMemo(() => {
    const to = addDays(fmt.localToday, 1);
    return { from: startOfLocalDate(addDays(to, -days), fmt.timeZone).toISOString(), to: startOfLocalDate(to, fmt.timeZone).toISOString() };
  }, [days, fmt.localToday, fmt.timeZone]);
  const [{ data, error, fetching }, refetch] = useQuery({ query: SurveyCalibrationDoc, variables: { surveyId, ...range } });
  const [rescore, doRescore] = useMutation(RescoreSurveyDoc);
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const c = data?.surveyCalibration;
  const groups = useMemo(() => groupByQuestion(c?.options ?? []), [c]);
  return (
    <Stack gap="sm" data-testid="calibration">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('adminData.surveys.calibration.window')}
          value={String(days)}
          onChange={(e) => setDays(Number(e.currentTarget.value))}
          data={WINDOWS.map((d) => ({ value: String(d), label: t('adminData.surveys.calibration.lastDays', { count: d }) }))}
        />
        {kind === 'INTAKE' && (
          <Button
            variant="default"
            loading={rescore.fetching}
            data-testid="rescore"
            onClick={async () => {
              const res = await doRescore({ surveyId });
              if (res.data) {
                const r = res.data.rescoreSurveyLeads;
                onChanged(t('adminData.surveys.rescored', { rescored: r.rescored, tierChanged: r.tierChanged, skipped: r.skipped }));
                refetch({ requestPolicy: 'network-only' });
              }
            }}
          >
            {t('adminData.surveys.rescore')}
          </Button>
        )}
      </Group>
      {rescore.error && <Alert color="red">{formMessage(rescore.error)}</Alert>}
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !c ? (
        <Loading />
      ) : c.leads === 0 ? (
        <Empty title={t('adminData.surveys.calibration.emptyTitle')}>{t('adminData.surveys.calibration.emptyText')}</Empty>
      ) : (
        <Stack gap="sm" style={{ opacity: fetching ? 0.6 : 1 }}>
          <SimpleGrid cols={{ base: 3 }} spacing="xs" data-testid="calibration-totals">
            <Total label={t('adminData.surveys.calibration.leads')} value={fmt.number(c.leads, 0)} />
            <Total label={t('adminData.surveys.calibration.converted')} value={fmt.number(c.converted, 0)} />
            <Total label={t('adminData.surveys.calibration.rate')} value={c.conversionRate == null ? '—' : fmt.percent(c.conversionRate, 1)} />
          </SimpleGrid>
          <CalibrationLegend average={c.conversionRate ?? null} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            {c.tiers.length > 0 && (
              <CalibrationChart
                title={t('adminData.surveys.calibration.byTier')}
                testId="calibration-tiers"
                rows={c.tiers.map((x) => ({
                  questionKey: '',
                  optionKey: x.tier,
                  optionLabel:
                    x.minScore === null || x.minScore === undefined
                      ? t('adminData.surveys.calibration.tierOther', { tier: x.tier })
                      : t('adminData.surveys.calibration.tierFrom', { tier: x.tier, min: fmt.number(x.minScore, 2) }),
                  leads: x.leads,
                  converted: x.converted,
                  conversionRate: x.conversionRate,
                }))}
                average={c.conversionRate ?? null}
              />
            )}
            {groups.map((g) => (
              <CalibrationChart key={g.questionKey} title={g.questionLabel} rows={g.rows} average={c.conversionRate ?? null} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder radius="md" padding="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={800} fz="lg">
        {value}
      </Text>
    </Card>
  );
}
