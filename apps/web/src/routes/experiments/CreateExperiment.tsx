import { ActionIcon, Alert, Button, Card, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import '../../i18n/areas/exp';
import { errorFor, formMessage } from '../../api/errors';
import { useFormat, useViewer } from '../../auth/viewer';
import type { AnalysisMode, ExperimentMetricKind } from '../../gql/graphql';
import { Loading } from '../../ui/states';
import { useManagedSquads } from '../board/useManagedSquads';
import { CreateExperimentDoc, ExperimentSetupDoc, PlaybooksForExperimentDoc } from './operations';
import { Choice } from './Choice';
import { plannedSample } from './stats';

interface VariantDraft {
  key: string;
  description: string;
  script: string;
  weight: number;
}

const MAX_TREATMENTS = 9;
/** The tracked outcome the API computes from lead stages (docs/experiments.md). */
const TRACKED_METRIC = 'converted_to_paid';

/** /experiments/new: design an experiment, with the sample size planner. */
export default function CreateExperiment() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { me } = useViewer();
  const navigate = useNavigate();
  const { squads, loaded } = useManagedSquads();
  const [{ data: setup }] = useQuery({ query: ExperimentSetupDoc });
  const [title, setTitle] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [squadId, setSquadId] = useState('');
  const [metricKind, setMetricKind] = useState<ExperimentMetricKind>('LOGGED');
  const [metricKey, setMetricKey] = useState('replied');
  const [mode, setMode] = useState<AnalysisMode>('FIXED_HORIZON');
  const [baseline, setBaseline] = useState<number | string>(10);
  const [mde, setMde] = useState<number | string>(2);
  const [planned, setPlanned] = useState<number | string>('');
  const [playbookId, setPlaybookId] = useState('');
  const [stepKey, setStepKey] = useState('');
  const [tags, setTags] = useState('');
  const [variants, setVariants] = useState<VariantDraft[]>([
    { key: 'control', description: '', script: '', weight: 1 },
    { key: '', description: '', script: '', weight: 1 },
  ]);
  const [{ fetching, error }, create] = useMutation(CreateExperimentDoc);

  const squad = squads.find((s) => s.id === squadId) ?? squads[0] ?? null;
  const legion = setup?.legions.find((l) => l.id === squad?.legion.id);
  const [{ data: pbData }] = useQuery({ query: PlaybooksForExperimentDoc, variables: { kind: legion?.kind ?? null }, pause: !legion });
  const playbooks = useMemo(() => (pbData?.playbooks ?? []).filter((p) => !squad || p.legionId === squad.legion.id), [pbData, squad]);
  const playbook = playbooks.find((p) => p.id === playbookId) ?? null;
  const steps = (playbook?.draft ?? playbook?.publishedVersion)?.steps ?? [];

  const baselineShare = Number(baseline) / 100;
  const mdeShare = Number(mde) / 100;
  const perArm = plannedSample(baselineShare, mdeShare);

  if (!loaded) return <Loading />;

  const setVariant = (i: number, patch: Partial<VariantDraft>) => setVariants((vs) => vs.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const res = await create({
      input: {
        title,
        hypothesis,
        squadId: squad?.id ?? null,
        ownerId: me.id,
        metricKind,
        metricKey: metricKind === 'TRACKED' ? TRACKED_METRIC : metricKey.trim(),
        analysisMode: mode,
        minDetectableEffect: mdeShare,
        plannedSamplePerArm: planned === '' ? null : Number(planned),
        playbookId: playbook ? playbook.id : null,
        playbookStepKey: playbook && stepKey ? stepKey : null,
        tags: tags
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        variants: variants.map((v, i) => ({
          key: v.key.trim(),
          description: v.description,
          script: v.script.trim() ? v.script : null,
          weight: v.weight,
          isControl: i === 0,
        })),
      },
    });
    if (res.data?.createExperiment) navigate(`/experiments/${res.data.createExperiment.id}`);
  };
  const shown = [
    'title',
    'hypothesis',
    'squadId',
    'ownerId',
    'metricKey',
    'minDetectableEffect',
    'plannedSamplePerArm',
    'playbookId',
    'playbookStepKey',
    'tags',
    'variants',
    'key',
    'description',
    'script',
    'weight',
  ];
  const message = formMessage(error, shown);
  const vErr = (i: number, f: string) => errorFor(error, `variants.${i}.${f}`);
  const variantsError = errorFor(error, 'variants');

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          <Link to="/experiments">{t('exp.back')}</Link>
        </Text>
        <Title order={1} size="h2">
          {t('exp.create.title')}
        </Title>
        {squads.length === 0 && <Alert color="yellow">{t('exp.create.noSquads')}</Alert>}
        <Card withBorder padding="md">
          <Stack gap="sm">
            <TextInput
              label={t('exp.create.name')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errorFor(error, 'title')}
              required
              data-autofocus
            />
            <Textarea
              label={t('exp.create.hypothesis')}
              description={t('exp.create.hypothesisHint')}
              value={hypothesis}
              onChange={(e) => setHypothesis(e.currentTarget.value)}
              error={errorFor(error, 'hypothesis')}
              autosize
              minRows={2}
              required
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label={t('exp.create.squad')}
                value={squad?.id ?? ''}
                onChange={(e) => {
                  setSquadId(e.currentTarget.value);
                  setPlaybookId('');
                  setStepKey('');
                }}
                data={squads.map((s) => ({ value: s.id, label: s.name }))}
                error={errorFor(error, 'squadId') ?? errorFor(error, 'ownerId')}
              />
              <TextInput
                label={t('exp.create.tags')}
                description={t('exp.create.tagsHint')}
                value={tags}
                onChange={(e) => setTags(e.currentTarget.value)}
                error={errorFor(error, 'tags')}
              />
            </SimpleGrid>
          </Stack>
        </Card>

        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('exp.create.measure')}
            </Title>
            <Choice
              label={t('exp.create.metricKind')}
              description={t(`exp.create.kindHint.${metricKind}`)}
              value={metricKind}
              onChange={setMetricKind}
              options={[
                { value: 'LOGGED', label: t('exp.metricKind.LOGGED') },
                { value: 'TRACKED', label: t('exp.metricKind.TRACKED') },
              ]}
              testId="metric-kind"
            />
            {metricKind === 'LOGGED' ? (
              <TextInput
                label={t('exp.create.metricKey')}
                description={t('exp.create.metricKeyHint')}
                value={metricKey}
                onChange={(e) => setMetricKey(e.currentTarget.value)}
                error={errorFor(error, 'metricKey')}
              />
            ) : (
              <Text size="sm">{t('exp.create.trackedMetric')}</Text>
            )}
            <Choice
              label={t('exp.create.mode')}
              description={t(`exp.create.modeHint.${mode}`)}
              value={mode}
              onChange={setMode}
              options={[
                { value: 'FIXED_HORIZON', label: t('exp.mode.FIXED_HORIZON') },
                { value: 'SEQUENTIAL', label: t('exp.mode.SEQUENTIAL') },
              ]}
              testId="analysis-mode"
            />
          </Stack>
        </Card>

        <Card withBorder padding="md" data-testid="planner">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('exp.create.planner')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NumberInput
                label={t('exp.create.baseline')}
                description={t('exp.create.baselineHint')}
                value={baseline}
                onChange={setBaseline}
                min={0.1}
                max={99}
                step={1}
                decimalScale={2}
                suffix=" %"
              />
              <NumberInput
                label={t('exp.create.mde')}
                description={t('exp.create.mdeHint')}
                value={mde}
                onChange={setMde}
                min={0.1}
                max={50}
                step={0.5}
                decimalScale={2}
                error={errorFor(error, 'minDetectableEffect')}
                required
              />
              <NumberInput
                label={t('exp.create.planned')}
                description={t('exp.create.plannedHint')}
                value={planned}
                onChange={setPlanned}
                min={1}
                allowDecimal={false}
                error={errorFor(error, 'plannedSamplePerArm')}
              />
            </SimpleGrid>
            <Group gap="sm" wrap="wrap" aria-live="polite">
              {perArm != null ? (
                <Text size="sm" data-testid="required-sample">
                  {t('exp.create.required', {
                    perArm: fmt.number(perArm, 0),
                    total: fmt.number(perArm * variants.length, 0),
                    arms: variants.length,
                    baseline: fmt.percent(baselineShare, 1),
                    target: fmt.percent(baselineShare + mdeShare, 1),
                  })}
                </Text>
              ) : (
                <Text size="sm" c="red.8">
                  {t('exp.create.cannotPlan')}
                </Text>
              )}
              {perArm != null && (
                <Button size="xs" variant="light" onClick={() => setPlanned(perArm)} data-testid="use-plan">
                  {t('exp.create.usePlan')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>

        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('exp.create.playbook')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label={t('exp.create.playbookName')}
                value={playbookId}
                onChange={(e) => {
                  setPlaybookId(e.currentTarget.value);
                  setStepKey('');
                }}
                data={[{ value: '', label: t('exp.create.noPlaybook') }, ...playbooks.map((p) => ({ value: p.id, label: p.name }))]}
                error={errorFor(error, 'playbookId')}
                data-testid="playbook"
              />
              <NativeSelect
                label={t('exp.create.step')}
                value={stepKey}
                disabled={!playbook}
                onChange={(e) => setStepKey(e.currentTarget.value)}
                data={[
                  { value: '', label: t('exp.create.pickStep') },
                  ...steps.map((s) => ({ value: s.key, label: t('exp.create.stepLabel', { day: s.dayOffset, time: s.localTime, title: s.title }) })),
                ]}
                error={errorFor(error, 'playbookStepKey')}
                data-testid="step"
              />
            </SimpleGrid>
          </Stack>
        </Card>

        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('exp.create.variants')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('exp.create.variantsHint')}
            </Text>
            {variantsError && (
              <Text size="sm" c="red.8" role="alert">
                {variantsError}
              </Text>
            )}
            {variants.map((v, i) => (
              <Card key={i} withBorder padding="sm" radius="sm" data-testid={`variant-${i}`}>
                <Stack gap="xs">
                  <Group justify="space-between">
                    <Text fw={600} size="sm">
                      {i === 0 ? t('exp.create.control') : t('exp.create.treatment', { n: i })}
                    </Text>
                    {i > 1 && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('exp.create.removeVariant', { n: i })}
                        onClick={() => setVariants((vs) => vs.filter((_, j) => j !== i))}
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                    <TextInput
                      label={t('exp.create.key')}
                      description={t('exp.create.keyHint')}
                      value={v.key}
                      onChange={(e) => setVariant(i, { key: e.currentTarget.value })}
                      error={vErr(i, 'key')}
                      required
                    />
                    <TextInput
                      label={t('exp.create.description')}
                      value={v.description}
                      onChange={(e) => setVariant(i, { description: e.currentTarget.value })}
                      error={vErr(i, 'description')}
                      required
                    />
                    <NumberInput
                      label={t('exp.create.weight')}
                      value={v.weight}
                      onChange={(x) => setVariant(i, { weight: Number(x) || 1 })}
                      min={1}
                      max={100}
                      allowDecimal={false}
                      error={vErr(i, 'weight')}
                    />
                  </SimpleGrid>
                  <Textarea
                    label={t('exp.create.script')}
                    value={v.script}
                    onChange={(e) => setVariant(i, { script: e.currentTarget.value })}
                    error={vErr(i, 'script')}
                    autosize
                    minRows={2}
                  />
                </Stack>
              </Card>
            ))}
            {variants.length <= MAX_TREATMENTS && (
              <Group>
                <Button variant="light" size="xs" onClick={() => setVariants((vs) => [...vs, { key: '', description: '', script: '', weight: 1 }])}>
                  {t('exp.create.addVariant')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>

        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={fetching} disabled={squads.length === 0} data-testid="create">
            {t('exp.create.submit')}
          </Button>
          <Button component={Link} to="/experiments" variant="default">
            {t('exp.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
