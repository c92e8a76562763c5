import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { fieldErrors, formMessage } from '../../api/errors';
import { useFormat, useViewer } from '../../auth/viewer';
import { addDays } from '../../lib/format';
import { useRefetchOnRetry } from '../../lib/useRetry';
import type { PlaybookEditorSupportQuery } from '../../gql/graphql';
import { Empty, Loading, QueryError } from '../../ui/states';
import {
  contentInput,
  draftOf,
  gridOrder,
  issuesByPath,
  newStep,
  pickScript,
  renderPreview,
  type Channel,
  type ContentDraft,
  type ObjectionDraft,
  type StepDraft,
} from './content';
import { EditorSupportDoc, PlaybookDoc, PublishVersionDoc, UpdateDraftDoc } from './operations';
import { ScriptField, type Variable } from './ScriptField';
import { StatusBadge, useLegionAccess, usePersonaLabel } from './shared';

const CHANNELS: Channel[] = ['PRIVATE_MESSAGE', 'CALL', 'GROUP_POST', 'TASK'];

/** Paths the editor shows on a field; every other problem goes into the alert above the form. */
const ON_FIELD = [
  /^steps$/,
  /^steps\[\d+\]\.(dayOffset|localTime|windowMinutes|channel|audience|groupScope|afterPurchase|title|goal|scripts|tiers|personas)$/,
  /^steps\[\d+\]\.personas\[\d+\]$/,
  /^steps\[\d+\]\.tiers\[\d+\]$/,
  /^steps\[\d+\]\.scripts\[\d+\]\.(persona|text)$/,
  /^objections\[\d+\]\.(objection|stepKey|answers)$/,
  /^objections\[\d+\]\.answers\[\d+\]\.(text|persona|label)$/,
  /^changeNote$/,
];

/**
 * The playbook editor: the steps of a version on a day/time grid, the selected step's form with
 * script variants per persona (variable autocomplete, a live preview for a sample lead), the
 * objections with answers per persona; problems the API names shown on their fields.
 */
export default function Editor() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const access = useLegionAccess();
  const [{ data, error }, refetch] = useQuery({ query: PlaybookDoc, variables: { id } });
  const [{ data: support }] = useQuery({ query: EditorSupportDoc });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [saveState, save] = useMutation(UpdateDraftDoc);
  const [publishState, publish] = useMutation(PublishVersionDoc);

  const versionParam = params.get('version');
  const version = data?.playbook.versions.find((v) => (versionParam ? v.id === versionParam : v.status === 'DRAFT'));
  const [draft, setDraft] = useState<ContentDraft | null>(null);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [issues, setIssues] = useState<Map<string, string>>(new Map());
  const [local, setLocal] = useState<Map<string, string>>(new Map());
  const [sel, setSel] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // A newly loaded version replaces the form (state adjusted during render, not in an effect).
  if (version && version.id !== loadedId) {
    setDraft(draftOf(version));
    setIssues(issuesByPath(version.issues));
    setLoadedId(version.id);
    setSel(0);
    setDirty(false);
  }

  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  const p = data.playbook;
  if (!version)
    return (
      <Empty
        title={t('playbooks.editor.noDraft')}
        action={
          <Anchor component={Link} to={`/playbooks/${p.id}`}>
            {t('playbooks.editor.back')}
          </Anchor>
        }
      >
        {t('playbooks.editor.noDraftHint')}
      </Empty>
    );
  if (!draft) return <Loading />;
  const can = access(p.legion);
  const readOnly = version.status !== 'DRAFT' || !can.edit;

  const err = (path: string) => local.get(path) ?? issues.get(path);
  const errUnder = (prefix: string) =>
    [...new Set([...local.entries(), ...issues.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v))].join(' ') || undefined;
  const unshown = [...issues.entries()].filter(([k]) => !ON_FIELD.some((r) => r.test(k)));
  const stepHasIssue = (i: number) => [...issues.keys(), ...local.keys()].some((k) => k.startsWith(`steps[${i}].`));

  const update = (fn: (d: ContentDraft) => void, structural = false) => {
    setDraft((d) => {
      if (!d) return d;
      const next = structuredClone(d);
      fn(next);
      return next;
    });
    setDirty(true);
    setNotice(null);
    if (structural) {
      setIssues(new Map());
      setLocal(new Map());
    }
  };

  /** Saves the draft (steps in day/time order); returns the saved version or null. */
  const saveDraft = async () => {
    setNotice(null);
    setProblem(null);
    const order = gridOrder(draft.steps);
    const sorted: ContentDraft = { ...draft, steps: order.map((i) => draft.steps[i]!) };
    const selKey = order.indexOf(sel);
    const { input, local: localProblems } = contentInput(sorted);
    setDraft(sorted);
    setSel(selKey < 0 ? 0 : selKey);
    if (localProblems.length) {
      setLocal(new Map(localProblems.map((l) => [l.field, t('playbooks.editor.notANumber')])));
      setProblem(t('playbooks.editor.fixMarked'));
      return null;
    }
    setLocal(new Map());
    const res = await save({ versionId: version.id, content: input });
    if (res.error) {
      const fields = fieldErrors(res.error);
      setIssues(issuesByPath(fields));
      setProblem(fields.length ? t('playbooks.editor.notSaved') : (formMessage(res.error) ?? t('playbooks.editor.notSaved')));
      return null;
    }
    const saved = res.data!.updatePlaybookDraft;
    setDraft(draftOf(saved));
    setIssues(issuesByPath(saved.issues));
    setDirty(false);
    setNotice(saved.issues.length ? t('playbooks.editor.savedWithIssues', { count: saved.issues.length }) : t('playbooks.editor.saved'));
    return saved;
  };

  const publishDraft = async () => {
    const saved = dirty ? await saveDraft() : version;
    if (!saved) return;
    setNotice(null);
    const res = await publish({ versionId: saved.id });
    if (res.error) {
      const fields = fieldErrors(res.error);
      if (fields.length) {
        setIssues(issuesByPath(fields));
        setProblem(t('playbooks.editor.cannotPublish', { count: fields.length }));
      } else setProblem(formMessage(res.error) ?? t('playbooks.editor.cannotPublish', { count: 0 }));
      return;
    }
    navigate(`/playbooks/${p.id}`, { state: { notice: t('playbooks.detail.published', { number: saved.number }) } });
  };

  const step = draft.steps[sel];
  const order = gridOrder(draft.steps);
  const days = [...new Set(order.map((i) => draft.steps[i]!.dayOffset))];
  const variables: Variable[] = support?.scriptVariables ?? [];

  return (
    <Stack gap="md" data-testid="playbook-editor" data-readonly={readOnly}>
      <Group justify="space-between" wrap="wrap" align="start">
        <Stack gap={2}>
          <Anchor component={Link} to={`/playbooks/${p.id}`} size="sm">
            ← {p.name}
          </Anchor>
          <Group gap="xs">
            <Text component="h2" fw={700} size="xl" m={0}>
              {t('playbooks.versionNumber', { number: version.number })}
            </Text>
            <StatusBadge status={version.status} />
            {dirty && (
              <Badge variant="outline" color="gray" data-testid="unsaved">
                {t('playbooks.editor.unsaved')}
              </Badge>
            )}
          </Group>
        </Stack>
        {!readOnly && (
          <Group gap="xs">
            <Button onClick={() => void saveDraft()} loading={saveState.fetching} data-testid="save-draft">
              {t('playbooks.editor.save')}
            </Button>
            {can.publish && (
              <Button variant="light" onClick={() => void publishDraft()} loading={publishState.fetching} data-testid="publish-draft">
                {t('playbooks.detail.publish')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {readOnly && (
        <Alert color="gray" data-testid="read-only">
          {version.status === 'DRAFT' ? t('playbooks.editor.readOnlyRole') : t('playbooks.editor.frozen')}
        </Alert>
      )}
      {!readOnly && !can.publish && (
        <Text size="sm" c="dimmed">
          {t('playbooks.detail.leadNote')}
        </Text>
      )}
      {notice && (
        <Alert color={issues.size > 0 ? 'yellow' : 'green'} role="status" data-testid="notice">
          {notice}
        </Alert>
      )}
      {(problem || unshown.length > 0) && (
        <Alert color="red" title={problem ?? t('playbooks.editor.toFix')} data-testid="editor-problem" role="alert">
          {unshown.length > 0 && (
            <Stack gap={2}>
              {unshown.map(([k, m]) => (
                <Text size="sm" key={k}>
                  <Text span ff="monospace" size="sm">
                    {k}
                  </Text>
                  : {m}
                </Text>
              ))}
            </Stack>
          )}
        </Alert>
      )}
      <TextInput
        label={t('playbooks.editor.changeNote')}
        value={draft.changeNote}
        readOnly={readOnly}
        onChange={(e) => {
          const v = e.currentTarget.value;
          update((d) => {
            d.changeNote = v;
          });
        }}
        error={err('changeNote')}
        data-testid="change-note"
      />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="sm">
            <Group justify="space-between" mb="xs">
              <Text component="h3" fw={600} m={0}>
                {t('playbooks.editor.schedule')}
              </Text>
              {!readOnly && (
                <Button
                  size="compact-sm"
                  variant="light"
                  data-testid="add-step"
                  onClick={() => {
                    update((d) => {
                      d.steps.push(newStep(d.steps[sel]));
                    });
                    setSel(draft.steps.length);
                  }}
                >
                  {t('playbooks.editor.addStep')}
                </Button>
              )}
            </Group>
            {err('steps') && (
              <Text c="red" size="sm" role="alert">
                {err('steps')}
              </Text>
            )}
            {draft.steps.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('playbooks.editor.noSteps')}
              </Text>
            )}
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('playbooks.editor.schedule')}>
              {days.map((day) => (
                <Box component="li" key={day}>
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
                    {dayLabel(t, day)}
                  </Text>
                  <Stack gap={4}>
                    {order
                      .filter((i) => draft.steps[i]!.dayOffset === day)
                      .map((i) => {
                        const s = draft.steps[i]!;
                        const bad = stepHasIssue(i);
                        return (
                          <UnstyledButton
                            key={i}
                            onClick={() => setSel(i)}
                            aria-current={i === sel ? 'true' : undefined}
                            data-testid="grid-step"
                            data-invalid={bad || undefined}
                            p={6}
                            style={{
                              borderRadius: 6,
                              border: `1px solid ${bad ? 'var(--mantine-color-red-7)' : i === sel ? 'var(--mantine-color-blue-7)' : 'var(--mantine-color-gray-3)'}`,
                              background: i === sel ? 'var(--mantine-color-blue-0)' : undefined,
                            }}
                          >
                            <Group gap={6} wrap="nowrap" align="start">
                              <Text size="sm" fw={700} ff="monospace" style={{ flexShrink: 0 }}>
                                {s.localTime || '--:--'}
                              </Text>
                              <Stack gap={0} style={{ minWidth: 0 }}>
                                <Text size="sm" truncate>
                                  {s.title || t('playbooks.editor.untitled')}
                                </Text>
                                <Text size="xs" c="dimmed">
                                  {t(`playbooks.channel.${s.channel}`)}
                                  {s.windowMinutes ? ` · ${t('playbooks.editor.windowShort', { minutes: s.windowMinutes })}` : ''}
                                  {bad ? ` · ${t('playbooks.editor.hasProblems')}` : ''}
                                </Text>
                              </Stack>
                            </Group>
                          </UnstyledButton>
                        );
                      })}
                  </Stack>
                </Box>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {step ? (
            <StepForm
              key={sel}
              index={sel}
              step={step}
              readOnly={readOnly}
              err={err}
              errUnder={errUnder}
              variables={variables}
              support={support}
              productName={p.productName ?? p.name}
              update={update}
              onRemove={() => {
                update((d) => {
                  d.steps.splice(sel, 1);
                }, true);
                setSel(0);
              }}
            />
          ) : (
            <Empty title={t('playbooks.editor.noSteps')} />
          )}
        </Grid.Col>
      </Grid>

      <Objections draft={draft} readOnly={readOnly} err={err} variables={variables} support={support} update={update} />
    </Stack>
  );
}

type T = (key: string, opts?: Record<string, unknown>) => string;

function dayLabel(t: T, day: string): string {
  const n = Number(day);
  if (!Number.isInteger(n)) return t('playbooks.editor.dayUnknown', { day });
  return n < 0 ? t('playbooks.editor.warmupDay', { day: -n }) : t('playbooks.editor.day', { day: n });
}

type Support = PlaybookEditorSupportQuery | undefined;

function StepForm({
  index,
  step,
  readOnly,
  err,
  errUnder,
  variables,
  support,
  productName,
  update,
  onRemove,
}: {
  index: number;
  step: StepDraft;
  readOnly: boolean;
  err(path: string): string | undefined;
  errUnder(prefix: string): string | undefined;
  variables: Variable[];
  support: Support;
  productName: string;
  update(fn: (d: ContentDraft) => void, structural?: boolean): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const personaLabel = usePersonaLabel(support?.personas);
  const p = `steps[${index}]`;
  const set = <K extends keyof StepDraft>(k: K, v: StepDraft[K]) =>
    update((d) => {
      d.steps[index]![k] = v;
    });
  const leads = step.audience === 'LEADS';
  const used = new Set(step.scripts.map((s) => s.persona));
  const personaOptions = (support?.personas ?? []).map((x) => ({ value: x.key, label: personaLabel(x.key) }));
  const free = personaOptions.filter((o) => !used.has(o.value));

  return (
    <Stack gap="md">
      <Card withBorder padding="sm" data-testid="step-form">
        <Group justify="space-between" mb="xs">
          <Text component="h3" fw={600} m={0}>
            {t('playbooks.editor.step')}
          </Text>
          {!readOnly && (
            <Button size="compact-sm" color="red" variant="subtle" onClick={onRemove} data-testid="remove-step">
              {t('playbooks.editor.removeStep')}
            </Button>
          )}
        </Group>
        <Stack gap="sm">
          <TextInput
            label={t('playbooks.fields.title')}
            value={step.title}
            readOnly={readOnly}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={err(`${p}.title`)}
            data-testid="step-title"
          />
          <Group grow align="start" wrap="wrap" gap="sm">
            <TextInput
              label={t('playbooks.fields.dayOffset')}
              description={t('playbooks.editor.dayHint')}
              inputMode="numeric"
              value={step.dayOffset}
              readOnly={readOnly}
              onChange={(e) => set('dayOffset', e.currentTarget.value)}
              error={err(`${p}.dayOffset`)}
              data-testid="step-day"
              miw={120}
            />
            <TextInput
              label={t('playbooks.fields.localTime')}
              description={t('playbooks.editor.timeHint')}
              placeholder="HH:MM"
              value={step.localTime}
              readOnly={readOnly}
              onChange={(e) => set('localTime', e.currentTarget.value)}
              error={err(`${p}.localTime`)}
              data-testid="step-time"
              miw={120}
            />
            <TextInput
              label={t('playbooks.fields.windowMinutes')}
              description={t('playbooks.editor.windowHint')}
              inputMode="numeric"
              value={step.windowMinutes}
              readOnly={readOnly}
              onChange={(e) => set('windowMinutes', e.currentTarget.value)}
              error={err(`${p}.windowMinutes`)}
              data-testid="step-window"
              miw={120}
            />
          </Group>
          <Group grow align="start" wrap="wrap" gap="sm">
            <NativeSelect
              label={t('playbooks.fields.channel')}
              value={step.channel}
              disabled={readOnly}
              onChange={(e) => set('channel', e.currentTarget.value as Channel)}
              data={CHANNELS.map((c) => ({ value: c, label: t(`playbooks.channel.${c}`) }))}
              error={err(`${p}.channel`)}
              miw={160}
            />
            <NativeSelect
              label={t('playbooks.fields.audience')}
              value={step.audience}
              disabled={readOnly}
              onChange={(e) => set('audience', e.currentTarget.value as StepDraft['audience'])}
              data={['LEADS', 'GROUP'].map((c) => ({ value: c, label: t(`playbooks.audience.${c}`) }))}
              error={err(`${p}.audience`)}
              miw={160}
            />
            {!leads && (
              <NativeSelect
                label={t('playbooks.fields.groupScope')}
                value={step.groupScope}
                disabled={readOnly}
                onChange={(e) => set('groupScope', e.currentTarget.value as StepDraft['groupScope'])}
                data={['PER_REP', 'PER_SQUAD'].map((c) => ({ value: c, label: t(`playbooks.groupScope.${c}`) }))}
                error={err(`${p}.groupScope`)}
                miw={160}
              />
            )}
          </Group>
          {leads && (
            <Group grow align="start" wrap="wrap" gap="sm">
              <MultiSelect
                label={t('playbooks.fields.personas')}
                description={t('playbooks.editor.allWhenEmpty')}
                data={personaOptions}
                value={step.personas}
                readOnly={readOnly}
                onChange={(v) => set('personas', v)}
                error={errUnder(`${p}.personas`)}
                clearable
                miw={200}
              />
              <TagsInput
                label={t('playbooks.fields.tiers')}
                description={t('playbooks.editor.allWhenEmpty')}
                value={step.tiers}
                readOnly={readOnly}
                onChange={(v) => set('tiers', v)}
                error={errUnder(`${p}.tiers`)}
                miw={200}
              />
            </Group>
          )}
          <Textarea
            label={t('playbooks.fields.goal')}
            value={step.goal}
            readOnly={readOnly}
            autosize
            minRows={1}
            onChange={(e) => set('goal', e.currentTarget.value)}
            error={err(`${p}.goal`)}
          />
          {leads && (
            <Checkbox
              label={t('playbooks.fields.afterPurchase')}
              checked={step.afterPurchase}
              disabled={readOnly}
              onChange={(e) => set('afterPurchase', e.currentTarget.checked)}
              error={err(`${p}.afterPurchase`)}
            />
          )}
        </Stack>
      </Card>

      <Card withBorder padding="sm" data-testid="scripts">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Text component="h3" fw={600} m={0}>
            {t('playbooks.fields.scripts')}
          </Text>
          {!readOnly && (
            <Button
              size="compact-sm"
              variant="light"
              data-testid="add-script"
              disabled={used.has(null) && free.length === 0}
              onClick={() =>
                update((d) => {
                  d.steps[index]!.scripts.push({ persona: used.has(null) ? (free[0]?.value ?? null) : null, text: '' });
                })
              }
            >
              {t('playbooks.editor.addScript')}
            </Button>
          )}
        </Group>
        {err(`${p}.scripts`) && (
          <Text c="red" size="sm" mb="xs" role="alert">
            {err(`${p}.scripts`)}
          </Text>
        )}
        {step.scripts.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('playbooks.editor.noScripts')}
          </Text>
        )}
        <Stack gap="md">
          {step.scripts.map((s, j) => (
            <Paper key={j} withBorder p="xs" data-testid="script-variant" data-persona={s.persona ?? ''}>
              <Stack gap="xs">
                <Group align="end" gap="xs" wrap="nowrap">
                  <NativeSelect
                    label={t('playbooks.fields.persona')}
                    value={s.persona ?? ''}
                    disabled={readOnly}
                    style={{ flex: 1 }}
                    onChange={(e) => {
                      const v = e.currentTarget.value || null;
                      update((d) => {
                        d.steps[index]!.scripts[j]!.persona = v;
                      });
                    }}
                    data={[
                      { value: '', label: t('playbooks.editor.defaultText') },
                      ...personaOptions.filter((o) => o.value === s.persona || !used.has(o.value)),
                      ...(s.persona && !personaOptions.some((o) => o.value === s.persona) ? [{ value: s.persona, label: s.persona }] : []),
                    ]}
                    error={err(`${p}.scripts[${j}].persona`)}
                    data-testid="script-persona"
                  />
                  {!readOnly && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('playbooks.editor.removeScript', { persona: personaLabel(s.persona) })}
                      onClick={() =>
                        update((d) => {
                          d.steps[index]!.scripts.splice(j, 1);
                        }, true)
                      }
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
                <ScriptField
                  label={t('playbooks.editor.scriptText', { persona: personaLabel(s.persona) })}
                  value={s.text}
                  readOnly={readOnly}
                  variables={leads ? variables : variables.filter((v) => !v.name.startsWith('lead.'))}
                  error={err(`${p}.scripts[${j}].text`)}
                  testId="script-text"
                  onChange={(v) =>
                    update((d) => {
                      d.steps[index]!.scripts[j]!.text = v;
                    })
                  }
                />
              </Stack>
            </Paper>
          ))}
        </Stack>
      </Card>
      {step.scripts.length > 0 && <Preview step={step} support={support} productName={productName} />}
    </Stack>
  );
}

/** The selected step's script as a sample lead of the caller's squads would get it. */
function Preview({ step, support, productName }: { step: StepDraft; support: Support; productName: string }) {
  const { t } = useTranslation();
  const { me } = useViewer();
  const fmt = useFormat();
  const personaLabel = usePersonaLabel(support?.personas);
  const leads = support?.leads.nodes ?? [];
  const [leadId, setLeadId] = useState('');
  const lead = leads.find((l) => l.id === leadId) ?? leads[0];
  const values = useMemo(() => {
    const start = fmt.localToday;
    return {
      'lead.name': lead?.name,
      'lead.firstName': lead?.name.split(/\s+/)[0],
      'lead.persona': lead?.persona ? personaLabel(lead.persona) : undefined,
      'lead.tier': lead?.tier ?? undefined,
      'rep.name': me.name,
      'rep.firstName': me.name.split(/\s+/)[0],
      'squad.name': me.squad?.name,
      'cohort.name': t('playbooks.preview.sampleCohort'),
      'cohort.startDate': start,
      day: /^-?\d+$/.test(step.dayOffset.trim()) ? step.dayOffset.trim() : undefined,
      'product.name': productName,
      deadline: addDays(start, 7),
    };
  }, [lead, me, fmt.localToday, step.dayOffset, productName, personaLabel, t]);
  const variant = pickScript(step.scripts, lead?.persona ?? null);
  const rendered = variant ? renderPreview(variant.text, values) : null;
  return (
    <Card withBorder padding="sm" data-testid="preview">
      <Text component="h3" fw={600} m={0} mb="xs">
        {t('playbooks.preview.title')}
      </Text>
      {leads.length > 0 ? (
        <NativeSelect
          label={t('playbooks.preview.sampleLead')}
          value={lead?.id ?? ''}
          onChange={(e) => setLeadId(e.currentTarget.value)}
          data={leads.map((l) => ({ value: l.id, label: `${l.name}${l.persona ? ` · ${personaLabel(l.persona)}` : ''}` }))}
          mb="xs"
          data-testid="preview-lead"
        />
      ) : (
        <Text size="sm" c="dimmed" mb="xs">
          {t('playbooks.preview.noLeads')}
        </Text>
      )}
      {rendered ? (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" data-testid="preview-variant">
            {t('playbooks.preview.variant', { persona: personaLabel(variant?.persona) })}
          </Text>
          <Paper bg="gray.0" p="sm" radius="md">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-text">
              {rendered.text || '—'}
            </Text>
          </Paper>
          {rendered.missing.length > 0 && (
            <Text size="xs" c="orange.9">
              {t('playbooks.preview.missing', { names: rendered.missing.map((m) => `{{${m}}}`).join(', ') })}
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('playbooks.preview.noVariant')}
        </Text>
      )}
    </Card>
  );
}

function Objections({
  draft,
  readOnly,
  err,
  variables,
  support,
  update,
}: {
  draft: ContentDraft;
  readOnly: boolean;
  err(path: string): string | undefined;
  variables: Variable[];
  support: Support;
  update(fn: (d: ContentDraft) => void, structural?: boolean): void;
}) {
  const { t } = useTranslation();
  const personaLabel = usePersonaLabel(support?.personas);
  const personaOptions = [
    { value: '', label: t('playbooks.editor.anyPersona') },
    ...(support?.personas ?? []).map((x) => ({ value: x.key, label: personaLabel(x.key) })),
  ];
  const stepOptions = [
    { value: '', label: t('playbooks.editor.wholePlaybook') },
    ...draft.steps.filter((s) => s.key).map((s) => ({ value: s.key, label: `${dayLabel(t, s.dayOffset)} ${s.localTime} · ${s.title}` })),
  ];
  const setO = (i: number, fn: (o: ObjectionDraft) => void, structural = false) =>
    update((d) => {
      fn(d.objections[i]!);
    }, structural);
  return (
    <Card withBorder padding="sm" data-testid="objections">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Text component="h3" fw={600} m={0}>
          {t('playbooks.editor.objections')}
        </Text>
        {!readOnly && (
          <Button
            size="compact-sm"
            variant="light"
            data-testid="add-objection"
            onClick={() =>
              update((d) => {
                d.objections.push({ key: '', stepKey: null, objection: '', answers: [{ id: null, label: '', persona: null, text: '' }] });
              })
            }
          >
            {t('playbooks.editor.addObjection')}
          </Button>
        )}
      </Group>
      {draft.objections.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('playbooks.editor.noObjections')}
        </Text>
      )}
      <Stack gap="md">
        {draft.objections.map((o, i) => (
          <Paper key={i} withBorder p="sm" data-testid="objection">
            <Stack gap="xs">
              <Group align="start" gap="xs" wrap="wrap" grow>
                <TextInput
                  label={t('playbooks.fields.objection')}
                  value={o.objection}
                  readOnly={readOnly}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setO(i, (x) => {
                      x.objection = v;
                    });
                  }}
                  error={err(`objections[${i}].objection`)}
                  miw={220}
                />
                <NativeSelect
                  label={t('playbooks.fields.stepKey')}
                  value={o.stepKey ?? ''}
                  disabled={readOnly}
                  onChange={(e) => {
                    const v = e.currentTarget.value || null;
                    setO(i, (x) => {
                      x.stepKey = v;
                    });
                  }}
                  data={[...stepOptions, ...(o.stepKey && !stepOptions.some((s) => s.value === o.stepKey) ? [{ value: o.stepKey, label: o.stepKey }] : [])]}
                  error={err(`objections[${i}].stepKey`)}
                  miw={220}
                />
              </Group>
              {err(`objections[${i}].answers`) && (
                <Text c="red" size="sm" role="alert">
                  {err(`objections[${i}].answers`)}
                </Text>
              )}
              {o.answers.map((a, j) => (
                <Box key={j} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }} data-testid="objection-answer">
                  <Group align="end" gap="xs" wrap="wrap">
                    <NativeSelect
                      label={t('playbooks.fields.persona')}
                      value={a.persona ?? ''}
                      disabled={readOnly}
                      onChange={(e) => {
                        const v = e.currentTarget.value || null;
                        setO(i, (x) => {
                          x.answers[j]!.persona = v;
                        });
                      }}
                      data={[
                        ...personaOptions,
                        ...(a.persona && !personaOptions.some((s) => s.value === a.persona) ? [{ value: a.persona, label: a.persona }] : []),
                      ]}
                      error={err(`objections[${i}].answers[${j}].persona`)}
                      style={{ flex: '1 1 160px' }}
                    />
                    <TextInput
                      label={t('playbooks.fields.answerLabel')}
                      value={a.label}
                      readOnly={readOnly}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setO(i, (x) => {
                          x.answers[j]!.label = v;
                        });
                      }}
                      error={err(`objections[${i}].answers[${j}].label`)}
                      style={{ flex: '1 1 160px' }}
                    />
                    {!readOnly && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        aria-label={t('playbooks.editor.removeAnswer')}
                        onClick={() =>
                          setO(
                            i,
                            (x) => {
                              x.answers.splice(j, 1);
                            },
                            true,
                          )
                        }
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Group>
                  <ScriptField
                    label={t('playbooks.fields.answer')}
                    value={a.text}
                    readOnly={readOnly}
                    variables={variables}
                    error={err(`objections[${i}].answers[${j}].text`)}
                    onChange={(v) =>
                      setO(i, (x) => {
                        x.answers[j]!.text = v;
                      })
                    }
                  />
                </Box>
              ))}
              {!readOnly && (
                <Group gap="xs">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() =>
                      setO(i, (x) => {
                        x.answers.push({ id: null, label: '', persona: null, text: '' });
                      })
                    }
                  >
                    {t('playbooks.editor.addAnswer')}
                  </Button>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => update((d) => void d.objections.splice(i, 1), true)}>
                    {t('playbooks.editor.removeObjection')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Card>
  );
}
