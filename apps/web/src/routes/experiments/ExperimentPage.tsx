import { Alert, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import '../../i18n/areas/exp';
import { formMessage } from '../../api/errors';
import { useFormat, useViewer } from '../../auth/viewer';
import type { ExperimentDetailQuery } from '../../gql/graphql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Loading, QueryError } from '../../ui/states';
import { SoftBadge } from '../board/SoftBadge';
import { Analysis } from './Analysis';
import { DailyData } from './DailyData';
import { Conclude, Publish } from './Decide';
import { ExperimentDetailDoc, PlaybookStepScriptsDoc, StartExperimentDoc, StopExperimentDoc } from './operations';

type Exp = ExperimentDetailQuery['experiment'];

const STATUS_COLOR: Record<string, string> = { PUBLISHED: 'teal', CONCLUDED: 'blue', RUNNING: 'green', STOPPED: 'orange', DRAFT: 'gray', ARCHIVED: 'gray' };

/** /experiments/:id — design, lifecycle, daily data, analysis, conclusion, publication, adoptions. */
export default function ExperimentPage() {
  const { id = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: ExperimentDetailDoc, variables: { id } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useRefetchOnRetry(reload);
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return <Detail experiment={data.experiment} reload={reload} />;
}

function Detail({ experiment: e, reload }: { experiment: Exp; reload: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { me } = useViewer();
  const [{ fetching: starting, error: startError }, start] = useMutation(StartExperimentDoc);
  const [{ fetching: stopping, error: stopError }, stop] = useMutation(StopExperimentDoc);
  const [deciding, setDeciding] = useState<'conclude' | 'publish' | null>(null);
  const canPublish = me.role === 'ADMIN' || me.role === 'MANAGER';
  const actionError = formMessage(startError) ?? formMessage(stopError);
  const pp = (x: number) => t('exp.analysis.pp', { value: fmt.number(100 * x, 2) });
  return (
    <Stack gap="md">
      <Text size="sm">
        <Link to="/experiments">{t('exp.back')}</Link>
      </Text>
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={1} size="h2" style={{ flex: '1 1 260px', minWidth: 0, overflowWrap: 'anywhere' }}>
            {e.title}
          </Title>
          <Group gap={4}>
            <SoftBadge color={STATUS_COLOR[e.status]} data-testid="status">
              {t(`experiments.status.${e.status}`)}
            </SoftBadge>
            {e.verdict && (
              <Badge
                variant="outline"
                color={e.verdict === 'WIN' ? 'teal' : e.verdict === 'LOSS' ? 'red' : 'gray'}
                c={e.verdict === 'WIN' ? 'teal.9' : e.verdict === 'LOSS' ? 'red.9' : 'gray.9'}
              >
                {t(`experiments.verdict.${e.verdict}`)}
                {e.winnerVariantKey ? ` · ${e.winnerVariantKey}` : ''}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('experiments.byline', { squad: e.squad.name, owner: e.owner.name })} · {t(`exp.kind.${e.teamKind}`)}
        </Text>
      </Stack>

      <Card withBorder padding="md" component="section" aria-labelledby="exp-design">
        <Stack gap="xs">
          <Title order={2} size="h4" id="exp-design">
            {t('exp.design.title')}
          </Title>
          <Text size="sm">
            <Text span fw={600} size="sm">
              {t('experiments.hypothesis')}:{' '}
            </Text>
            {e.hypothesis}
          </Text>
          <Text size="sm">
            {t('exp.design.summary', {
              kind: t(`exp.metricKind.${e.metricKind}`),
              metric: e.metricKey,
              mode: t(`exp.mode.${e.analysisMode}`),
              mde: pp(e.minDetectableEffect),
            })}
          </Text>
          <Text size="sm">
            {e.plannedSamplePerArm != null ? t('exp.design.planned', { n: fmt.number(e.plannedSamplePerArm, 0) }) : t('exp.design.plannedDefault')}
          </Text>
          {e.playbookId && e.playbookStepKey && <LinkedStep playbookId={e.playbookId} stepKey={e.playbookStepKey} />}
          <Stack gap={6} mt={4}>
            {e.variants.map((v) => (
              <Card key={v.key} withBorder padding="xs" radius="sm">
                <Text size="sm" fw={600}>
                  {v.key} {v.isControl ? `· ${t('exp.create.control')}` : ''} · {t('exp.design.weight', { n: v.weight })}
                </Text>
                <Text size="sm">{v.description}</Text>
                {v.script && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {t('exp.design.script')}: {v.script}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
          <Text size="xs" c="dimmed">
            {[
              t('exp.design.created', { date: fmt.dateTime(e.createdAt) }),
              e.startedAt ? t('exp.design.started', { date: fmt.dateTime(e.startedAt) }) : null,
              e.stoppedAt ? t('exp.design.stopped', { date: fmt.dateTime(e.stoppedAt) }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Group gap="xs" mt="xs">
            {e.status === 'DRAFT' && (
              <Button loading={starting} onClick={async () => (await start({ id: e.id })).data && reload()} data-testid="start">
                {t('exp.actions.start')}
              </Button>
            )}
            {e.status === 'RUNNING' && (
              <Button color="orange" loading={stopping} onClick={async () => (await stop({ id: e.id })).data && reload()} data-testid="stop">
                {t('exp.actions.stop')}
              </Button>
            )}
            {e.status === 'STOPPED' && deciding !== 'conclude' && (
              <Button onClick={() => setDeciding('conclude')} data-testid="conclude-open">
                {t('exp.actions.conclude')}
              </Button>
            )}
            {e.status === 'CONCLUDED' && canPublish && deciding !== 'publish' && (
              <Button onClick={() => setDeciding('publish')} data-testid="publish-open">
                {t('exp.actions.publish')}
              </Button>
            )}
          </Group>
          {e.status === 'CONCLUDED' && !canPublish && (
            <Text size="sm" c="dimmed">
              {t('exp.actions.publishByManager')}
            </Text>
          )}
          {actionError && (
            <Alert color="red" role="alert" p="xs">
              {actionError}
            </Alert>
          )}
        </Stack>
      </Card>

      {deciding === 'conclude' && e.status === 'STOPPED' && (
        <Conclude
          experiment={e}
          onDone={() => {
            setDeciding(null);
            reload();
          }}
          onCancel={() => setDeciding(null)}
        />
      )}
      {deciding === 'publish' && e.status === 'CONCLUDED' && (
        <Publish
          experiment={e}
          onDone={() => {
            setDeciding(null);
            reload();
          }}
          onCancel={() => setDeciding(null)}
        />
      )}

      {e.verdict && (
        <Card withBorder padding="md" component="section" aria-labelledby="exp-conclusion" data-testid="conclusion">
          <Stack gap="xs">
            <Title order={2} size="h4" id="exp-conclusion">
              {t('exp.conclusion.title')}
            </Title>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {e.summary}
            </Text>
            <Text size="xs" c="dimmed">
              {t('exp.conclusion.by', { name: e.concludedBy?.name ?? '—', date: e.concludedAt ? fmt.dateTime(e.concludedAt) : '' })}
            </Text>
            {e.conclusionWarnings.length > 0 && (
              <Alert color="yellow" title={t('exp.conclusion.warnings')} styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}>
                <List lang="en" size="sm">
                  {e.conclusionWarnings.map((w) => (
                    <List.Item key={w}>{w}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Stack>
        </Card>
      )}

      {e.status === 'PUBLISHED' && <Published experiment={e} />}

      <Analysis experiment={e} />
      {e.metricKind === 'LOGGED' ? (
        <DailyData experiment={e} onLogged={reload} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('exp.data.tracked')}
        </Text>
      )}
    </Stack>
  );
}

function Published({ experiment: e }: { experiment: Exp }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="exp-published" data-testid="published">
      <Stack gap="xs">
        <Title order={2} size="h4" id="exp-published">
          {t('exp.published.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('exp.published.by', { name: e.publishedBy?.name ?? '—', date: e.publishedAt ? fmt.dateTime(e.publishedAt) : '' })}
        </Text>
        {e.publicationNote && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {e.publicationNote}
          </Text>
        )}
        {e.promotion && (
          <Stack gap={4} data-testid="promotion">
            <Text size="sm" fw={600}>
              {t('exp.published.promoted', { step: e.promotion.stepKey })}
            </Text>
            <List size="sm" spacing={2}>
              {e.promotion.variants.map((v) => (
                <List.Item key={v.variant}>{t(`exp.published.change.${v.change}`, { variant: variantName(v.variant, t) })}</List.Item>
              ))}
            </List>
            {e.promotion.unchangedVariants.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('exp.published.unchanged', { variants: e.promotion.unchangedVariants.map((v) => variantName(v, t)).join(', ') })}
              </Text>
            )}
            {e.playbookId && <DraftStep playbookId={e.playbookId} stepKey={e.promotion.stepKey} versionId={e.promotion.versionId} />}
            <Text size="xs" c="dimmed">
              {t('exp.published.reviewDraft')}
            </Text>
          </Stack>
        )}
        <Title order={3} size="h5" mt="xs">
          {t('exp.published.adoptions')}
        </Title>
        {e.adoptions.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="adoptions">
            {t('experiments.notAdopted')}
          </Text>
        ) : (
          <List size="sm" data-testid="adoptions">
            {e.adoptions.map((a) => (
              <List.Item key={a.id}>
                {t('exp.published.adoption', { squad: a.squad.name, name: a.adoptedBy?.name ?? '—', date: fmt.dateTime(a.adoptedAt) })}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

/** "Tests playbook step …": the step's title and its playbook (the key while loading or when gone). */
function LinkedStep({ playbookId, stepKey }: { playbookId: string; stepKey: string }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: PlaybookStepScriptsDoc, variables: { id: playbookId } });
  const version = data?.playbook.draft ?? data?.playbook.publishedVersion;
  const step = version?.steps.find((s) => s.key === stepKey);
  return <Text size="sm">{t('exp.design.linked', { step: step ? `${data!.playbook.name} · ${step.title}` : stepKey })}</Text>;
}

/** The promoted step as the playbook's draft has it now (read back from the playbook). */
function DraftStep({ playbookId, stepKey, versionId }: { playbookId: string; stepKey: string; versionId: string }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: PlaybookStepScriptsDoc, variables: { id: playbookId }, requestPolicy: 'network-only' });
  const version =
    data?.playbook.draft?.id === versionId ? data.playbook.draft : data?.playbook.publishedVersion?.id === versionId ? data.playbook.publishedVersion : null;
  const step = version?.steps.find((s) => s.key === stepKey);
  if (!data) return null;
  if (!version || !step) {
    return (
      <Text size="sm" c="dimmed">
        {t('exp.published.draftGone')}
      </Text>
    );
  }
  return (
    <Card withBorder padding="xs" radius="sm" data-testid="draft-step">
      <Text size="sm" fw={600}>
        {t('exp.published.draftNow', { playbook: data.playbook.name, version: version.number, step: step.title })}
      </Text>
      <List size="sm" spacing={2}>
        {step.scripts.map((s) => (
          <List.Item key={s.persona ?? 'default'}>
            <Text span size="sm" fw={600}>
              {variantName(s.persona ?? 'default', t)}:{' '}
            </Text>
            <Text span size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {s.text}
            </Text>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

/** `default` (the persona-less script) or a persona key, for display. */
export function variantName(v: string, t: (k: string) => string): string {
  return v === 'default' ? t('exp.publish.defaultVariant') : v;
}
