import { Alert, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import type { ExperimentDetailQuery, ExperimentVerdict } from '../../gql/graphql';
import { Choice } from './Choice';
import { ConcludeExperimentDoc, ExperimentSetupDoc, PlaybookStepScriptsDoc, PublishExperimentDoc } from './operations';

type Exp = ExperimentDetailQuery['experiment'];

/** STOPPED → CONCLUDED: the verdict, the winning treatment and what was learned. */
export function Conclude({ experiment: e, onDone, onCancel }: { experiment: Exp; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const treatments = e.variants.filter((v) => !v.isControl);
  const [verdict, setVerdict] = useState<ExperimentVerdict>('WIN');
  const [winner, setWinner] = useState(treatments[0]?.key ?? '');
  const [summary, setSummary] = useState('');
  const [{ fetching, error }, conclude] = useMutation(ConcludeExperimentDoc);
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const res = await conclude({ id: e.id, verdict, summary, winnerVariantKey: verdict === 'WIN' ? winner : null });
    if (res.data?.concludeExperiment) onDone();
  };
  const message = formMessage(error, ['summary', 'winnerVariantKey', 'verdict']);
  return (
    <Card withBorder padding="md" component="form" onSubmit={onSubmit} noValidate aria-labelledby="exp-conclude" data-testid="conclude-form">
      <Stack gap="sm">
        <Title order={2} size="h4" id="exp-conclude">
          {t('exp.conclude.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('exp.conclude.hint')}
        </Text>
        <Choice
          label={t('exp.conclude.verdict')}
          value={verdict}
          onChange={setVerdict}
          options={(['WIN', 'LOSS', 'INCONCLUSIVE'] as const).map((v) => ({ value: v, label: t(`experiments.verdict.${v}`) }))}
          testId="verdict"
        />
        {verdict === 'WIN' && (
          <NativeSelect
            label={t('exp.conclude.winner')}
            value={winner}
            onChange={(ev) => setWinner(ev.currentTarget.value)}
            data={treatments.map((v) => ({ value: v.key, label: `${v.key} — ${v.description}` }))}
            error={errorFor(error, 'winnerVariantKey')}
          />
        )}
        <Textarea
          label={t('exp.conclude.summary')}
          description={t('exp.conclude.summaryHint')}
          value={summary}
          onChange={(ev) => setSummary(ev.currentTarget.value)}
          error={errorFor(error, 'summary')}
          autosize
          minRows={3}
          required
          data-autofocus
          data-testid="summary"
        />
        {message && (
          <Alert color="red" role="alert" p="xs">
            {message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={fetching} data-testid="conclude-submit">
            {t('exp.conclude.submit')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('exp.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * CONCLUDED → PUBLISHED (managers): a note for every team and, for a WIN linked to a playbook step,
 * the choice of the step's script variants that take the winning script (`promoteToVariants`).
 */
export function Publish({ experiment: e, onDone, onCancel }: { experiment: Exp; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const winner = e.variants.find((v) => v.key === e.winnerVariantKey);
  const promotable = e.verdict === 'WIN' && !!e.playbookId && !!e.playbookStepKey && !!winner?.script;
  const [{ data: setup }] = useQuery({ query: ExperimentSetupDoc });
  const [{ data: pb }] = useQuery({ query: PlaybookStepScriptsDoc, variables: { id: e.playbookId ?? '' }, pause: !e.playbookId });
  const [note, setNote] = useState('');
  const [promote, setPromote] = useState(promotable);
  const [chosen, setChosen] = useState<string[]>(['default']);
  const [{ fetching, error }, publish] = useMutation(PublishExperimentDoc);
  const version = pb?.playbook.draft ?? pb?.playbook.publishedVersion ?? null;
  const step = version?.steps.find((s) => s.key === e.playbookStepKey) ?? null;
  const stepVariants = step?.scripts.map((s) => s.persona ?? 'default') ?? [];
  const options = [...new Set(['default', ...stepVariants, ...(setup?.personas.map((p) => p.key) ?? [])])];
  const nameOf = (key: string) => (key === 'default' ? t('exp.publish.defaultVariant') : (setup?.personas.find((p) => p.key === key)?.name ?? key));
  const current = (key: string) => step?.scripts.find((s) => (s.persona ?? 'default') === key)?.text ?? null;
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const res = await publish({
      id: e.id,
      note: note.trim() || null,
      promoteToPlaybook: promote,
      promoteToVariants: promote ? chosen : null,
    });
    if (res.data?.publishExperiment) onDone();
  };
  const variantsError = fieldMatching(error, 'promoteToVariants');
  const message = formMessage(error, ['note', 'promoteToPlaybook', 'promoteToVariants']);
  return (
    <Card withBorder padding="md" component="form" onSubmit={onSubmit} noValidate aria-labelledby="exp-publish" data-testid="publish-form">
      <Stack gap="sm">
        <Title order={2} size="h4" id="exp-publish">
          {t('exp.publish.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('exp.publish.hint')}
        </Text>
        <Textarea
          label={t('exp.publish.note')}
          description={t('exp.publish.noteHint')}
          value={note}
          onChange={(ev) => setNote(ev.currentTarget.value)}
          error={errorFor(error, 'note')}
          autosize
          minRows={2}
          data-autofocus
        />
        {e.playbookStepKey ? (
          <Stack gap="xs">
            <Checkbox
              label={t('exp.publish.promote', { step: step ? step.title : e.playbookStepKey })}
              description={promotable ? t('exp.publish.promoteHint', { version: version?.number ?? '—' }) : t('exp.publish.cannotPromote')}
              checked={promote}
              disabled={!promotable}
              onChange={(ev) => setPromote(ev.currentTarget.checked)}
              error={errorFor(error, 'promoteToPlaybook')}
              data-testid="promote"
            />
            {promote && (
              <Checkbox.Group
                label={t('exp.publish.variants')}
                description={t('exp.publish.variantsHint')}
                value={chosen}
                onChange={setChosen}
                error={variantsError}
                data-testid="promote-variants"
              >
                <Stack gap={6} mt={6}>
                  {options.map((key) => {
                    const text = current(key);
                    return (
                      <Checkbox
                        key={key}
                        value={key}
                        label={nameOf(key)}
                        description={
                          text == null
                            ? t('exp.publish.willAdd')
                            : text === winner?.script
                              ? t('exp.publish.already')
                              : t('exp.publish.now', { text: shorten(text) })
                        }
                        data-testid={`promote-${key}`}
                      />
                    );
                  })}
                </Stack>
              </Checkbox.Group>
            )}
            {promote && winner?.script && (
              <Text size="sm">
                <Text span fw={600} size="sm">
                  {t('exp.publish.winningScript', { key: winner.key })}:{' '}
                </Text>
                {winner.script}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('exp.publish.notLinked')}
          </Text>
        )}
        {message && (
          <Alert color="red" role="alert" p="xs">
            {message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={fetching} data-testid="publish-submit">
            {t('exp.publish.submit')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('exp.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The first field error on `name` or one of its items (`promoteToVariants.2`). */
function fieldMatching(error: Parameters<typeof errorFor>[0], name: string): string | undefined {
  return errorFor(error, name) ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => errorFor(error, `${name}.${i}`)).find(Boolean);
}

function shorten(s: string, n = 90): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
