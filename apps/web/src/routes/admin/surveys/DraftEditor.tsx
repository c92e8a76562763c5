import { Alert, Button, Card, Checkbox, Group, List, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { fieldErrors, formMessage } from '../../../api/errors';
import { editorPaths, issuePath, setIn, toDefinitionInput, type Definition } from './definition';
import { PublishSurveyDoc, SaveSurveyDraftDoc } from './operations';
import { ScrollRegion } from '../ScrollRegion';

interface Props {
  surveyId: string;
  name: string;
  version: number;
  definition: Definition;
  /** What would block publishing the stored draft (SurveyVersion.issues). */
  issues: { path: string; message: string }[];
  kind: string;
  onChanged: (notice: string) => void;
}

/**
 * Edits the draft version of a survey: names and labels, weights, points of options, yes/no and
 * number bands, the tiers and the default tier. Rules, group caps and persona rules are kept as they
 * are. Problems (the draft's own issues, or what saving or publishing refused) are shown on the
 * field they name; the rest above the form.
 */
export function DraftEditor({ surveyId, name: savedName, version, definition, issues, kind, onChanged }: Props) {
  const { t } = useTranslation();
  const [def, setDef] = useState<Definition>(() => toDefinitionInput(definition));
  const [name, setName] = useState(savedName);
  const [rescore, setRescore] = useState(kind === 'INTAKE');
  const [dirty, setDirty] = useState(false);
  const [save, doSave] = useMutation(SaveSurveyDraftDoc);
  const [publish, doPublish] = useMutation(PublishSurveyDoc);
  const [saved, setSaved] = useState<{ path: string; message: string }[] | null>(null);
  const error = publish.error ?? save.error;

  // Problems by path: those of the failed request, else those of the saved draft.
  const problems = useMemo(() => {
    const fromError = fieldErrors(error).map((f) => ({ path: issuePath(f.field), message: f.message }));
    return fromError.length > 0 ? fromError : (saved ?? issues);
  }, [error, saved, issues]);
  const shown = useMemo(() => editorPaths(def), [def]);
  const at = (path: string) =>
    problems
      .filter((p) => p.path === path)
      .map((p) => p.message)
      .join(' ') || undefined;
  const elsewhere = problems.filter((p) => !shown.has(p.path) && p.path !== 'name');
  const edit = (path: (string | number)[], value: unknown) => {
    setDef((d) => setIn(d, path, value));
    setDirty(true);
  };
  const num = (v: string | number) => (typeof v === 'number' ? v : v === '' ? null : Number(v));

  const onSave = async () => {
    const res = await doSave({ input: { surveyId, name: name.trim() || undefined, definition: toDefinitionInput(def) } });
    if (res.data) {
      setSaved(res.data.saveSurveyDraft.issues);
      setDirty(false);
      onChanged(t('adminData.surveys.draft.saved', { version: res.data.saveSurveyDraft.version }));
    }
  };
  const onPublish = async () => {
    if (dirty) {
      const res = await doSave({ input: { surveyId, name: name.trim() || undefined, definition: toDefinitionInput(def) } });
      if (!res.data) return;
      setDirty(false);
    }
    const res = await doPublish({ surveyId, rescore });
    if (res.data) {
      const r = res.data.publishSurvey.rescore;
      onChanged(
        r
          ? t('adminData.surveys.draft.publishedRescored', {
              version: res.data.publishSurvey.version.version,
              rescored: r.rescored,
              tierChanged: r.tierChanged,
            })
          : t('adminData.surveys.draft.published', { version: res.data.publishSurvey.version.version }),
      );
    }
  };
  const generalMessage = formMessage(error, ['name', ...[...shown].map((p) => `definition.${p}`)]);

  return (
    <Stack gap="sm" data-testid="draft-editor">
      <Text size="sm" c="dimmed">
        {t('adminData.surveys.draft.intro', { version })}
      </Text>
      {(elsewhere.length > 0 || generalMessage) && (
        <Alert color="red" title={t('adminData.surveys.draft.problems')} data-testid="draft-problems">
          {generalMessage && <Text size="sm">{generalMessage}</Text>}
          <List size="sm">
            {elsewhere.map((p) => (
              <List.Item key={`${p.path}:${p.message}`}>
                <Text span ff="monospace" size="xs">
                  {p.path}
                </Text>{' '}
                {p.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <TextInput
        label={t('adminData.surveys.draft.name')}
        value={name}
        onChange={(e) => (setName(e.currentTarget.value), setDirty(true))}
        maxLength={120}
        error={at('name')}
      />
      <Title order={3} size="h5">
        {t('adminData.surveys.draft.questions')}
      </Title>
      {def.questions.map((q, i) => {
        const p = `questions[${i}]`;
        return (
          <Card key={q.key} withBorder padding="sm" radius="md" data-testid="draft-question">
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                <Text size="xs" ff="monospace" c="dimmed">
                  {q.key}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`adminData.surveys.questionType.${q.type}`)}
                </Text>
              </Group>
              <Group gap="sm" wrap="wrap" align="flex-start">
                <TextInput
                  style={{ flex: '1 1 220px' }}
                  label={t('adminData.surveys.draft.label')}
                  value={q.label ?? ''}
                  onChange={(e) => edit(['questions', i, 'label'], e.currentTarget.value)}
                  error={at(`${p}.label`)}
                />
                {q.type !== 'FREE_TEXT' && (
                  <NumberInput
                    w={110}
                    label={t('adminData.surveys.draft.weight')}
                    value={q.weight ?? 1}
                    min={0}
                    decimalScale={2}
                    onChange={(v) => edit(['questions', i, 'weight'], num(v))}
                    error={at(`${p}.weight`)}
                  />
                )}
                <Checkbox
                  mt={30}
                  label={t('adminData.surveys.draft.required')}
                  checked={q.required}
                  onChange={(e) => edit(['questions', i, 'required'], e.currentTarget.checked)}
                />
              </Group>
              {(at(`${p}.options`) || at(`${p}.bands`)) && (
                <Text size="sm" c="red.8" role="alert">
                  {at(`${p}.options`) ?? at(`${p}.bands`)}
                </Text>
              )}
              {q.type === 'YES_NO' && (
                <Group gap="sm">
                  <NumberInput
                    w={130}
                    label={t('adminData.surveys.draft.yesPoints')}
                    value={q.yesPoints ?? 0}
                    decimalScale={2}
                    onChange={(v) => edit(['questions', i, 'yesPoints'], num(v))}
                    error={at(`${p}.yesPoints`)}
                  />
                  <NumberInput
                    w={130}
                    label={t('adminData.surveys.draft.noPoints')}
                    value={q.noPoints ?? 0}
                    decimalScale={2}
                    onChange={(v) => edit(['questions', i, 'noPoints'], num(v))}
                    error={at(`${p}.noPoints`)}
                  />
                </Group>
              )}
              {q.options && q.options.length > 0 && (
                <Stack gap={4}>
                  {q.options.map((o, j) => (
                    <Stack key={o.key} gap={2}>
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <TextInput
                          style={{ flex: 1, minWidth: 0 }}
                          label={t('adminData.surveys.draft.optionLabel', { key: o.key })}
                          value={o.label ?? ''}
                          onChange={(e) => edit(['questions', i, 'options', j, 'label'], e.currentTarget.value)}
                          error={at(`${p}.options[${j}].label`)}
                        />
                        <NumberInput
                          w={100}
                          label={t('adminData.surveys.draft.points')}
                          value={o.points}
                          decimalScale={2}
                          onChange={(v) => edit(['questions', i, 'options', j, 'points'], num(v))}
                          error={at(`${p}.options[${j}].points`)}
                        />
                      </Group>
                      {at(`${p}.options[${j}]`) && (
                        <Text size="sm" c="red.8">
                          {at(`${p}.options[${j}]`)}
                        </Text>
                      )}
                    </Stack>
                  ))}
                </Stack>
              )}
              {q.bands && q.bands.length > 0 && (
                <Stack gap={4}>
                  {q.bands.map((b, j) => (
                    <Stack key={j} gap={2}>
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <NumberInput
                          style={{ flex: 1 }}
                          label={t('adminData.surveys.draft.bandMin')}
                          value={b.min ?? ''}
                          decimalScale={2}
                          onChange={(v) => edit(['questions', i, 'bands', j, 'min'], num(v))}
                          error={at(`${p}.bands[${j}].min`)}
                        />
                        <NumberInput
                          style={{ flex: 1 }}
                          label={t('adminData.surveys.draft.bandMax')}
                          value={b.max ?? ''}
                          decimalScale={2}
                          onChange={(v) => edit(['questions', i, 'bands', j, 'max'], num(v))}
                          error={at(`${p}.bands[${j}].max`)}
                        />
                        <NumberInput
                          w={100}
                          label={t('adminData.surveys.draft.points')}
                          value={b.points}
                          decimalScale={2}
                          onChange={(v) => edit(['questions', i, 'bands', j, 'points'], num(v))}
                          error={at(`${p}.bands[${j}].points`)}
                        />
                      </Group>
                      {at(`${p}.bands[${j}]`) && (
                        <Text size="sm" c="red.8" data-testid="band-problem">
                          {at(`${p}.bands[${j}]`)}
                        </Text>
                      )}
                    </Stack>
                  ))}
                </Stack>
              )}
            </Stack>
          </Card>
        );
      })}
      <Title order={3} size="h5">
        {t('adminData.surveys.draft.tiers')}
      </Title>
      {at('tiers') && (
        <Text size="sm" c="red.8">
          {at('tiers')}
        </Text>
      )}
      <ScrollRegion label={t('adminData.surveys.draft.tiers')} minWidth={300}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminData.surveys.draft.tier')}</Table.Th>
              <Table.Th>{t('adminData.surveys.draft.minScore')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {def.tiers.map((tier, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <TextInput
                    aria-label={t('adminData.surveys.draft.tierName', { n: i + 1 })}
                    value={tier.tier}
                    onChange={(e) => edit(['tiers', i, 'tier'], e.currentTarget.value)}
                    error={at(`tiers[${i}].tier`) ?? at(`tiers[${i}]`)}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('adminData.surveys.draft.tierMinScore', { n: i + 1 })}
                    value={tier.minScore}
                    decimalScale={2}
                    onChange={(v) => edit(['tiers', i, 'minScore'], num(v))}
                    error={at(`tiers[${i}].minScore`)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      <TextInput
        label={t('adminData.surveys.draft.defaultTier')}
        description={t('adminData.surveys.draft.defaultTierHelp')}
        value={def.defaultTier}
        onChange={(e) => edit(['defaultTier'], e.currentTarget.value)}
        error={at('defaultTier')}
        maw={280}
      />
      <Text size="xs" c="dimmed">
        {t('adminData.surveys.draft.keptAsIs', { rules: def.rules?.length ?? 0, personas: def.personas?.length ?? 0, caps: def.groupCaps?.length ?? 0 })}
      </Text>
      <Group gap="sm" wrap="wrap" align="center">
        <Button variant="default" onClick={() => void onSave()} loading={save.fetching} data-testid="save-draft">
          {t('adminData.surveys.draft.save')}
        </Button>
        <Button onClick={() => void onPublish()} loading={publish.fetching} data-testid="publish-survey">
          {t('adminData.surveys.draft.publish')}
        </Button>
        {kind === 'INTAKE' && (
          <Checkbox label={t('adminData.surveys.draft.rescoreOnPublish')} checked={rescore} onChange={(e) => setRescore(e.currentTarget.checked)} />
        )}
      </Group>
    </Stack>
  );
}
