import { Accordion, Alert, Badge, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import { useFormat } from '../../auth/viewer';
import type { AgendaItem } from './sheet';
import { LogObjectionDoc } from './operations';

type Objection = AgendaItem['objections'][number];
type Log = AgendaItem['objectionLogs'][number];

/**
 * The step's objections (answers for the lead's persona first, as the API orders them) and a
 * search over every objection of the playbook. "Used this answer" / "Improvised" logs it.
 */
export function ObjectionsPanel({ item, onLogged }: { item: AgendaItem; onLogged: (log: Log) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [query, setQuery] = useState('');
  const [improvising, setImprovising] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [{ fetching, error }, logObjection] = useMutation(LogObjectionDoc);
  const persona = item.lead?.persona ?? null;

  const stepOnes = item.objections.filter((o) => o.stepKey === item.step.key);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return stepOnes;
    return item.objections.filter(
      (o) => o.objection.toLowerCase().includes(q) || o.key.toLowerCase().includes(q) || o.answers.some((a) => a.text.toLowerCase().includes(q)),
    );
  }, [query, item.objections, stepOnes]);

  const log = async (objection: Objection, answerId: string | null, text?: string) => {
    const res = await logObjection({ itemId: item.id, objectionId: objection.id, answerUsed: answerId, note: text || null });
    if (res.data?.logObjection) {
      onLogged(res.data.logObjection);
      setImprovising(null);
      setNote('');
    }
  };

  const byId = new Map(item.objections.map((o) => [o.id, o]));
  return (
    <Stack gap="sm">
      <TextInput
        label={t('objections.search')}
        description={t('objections.searchHint', { count: item.objections.length })}
        placeholder={t('objections.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        type="search"
      />
      {error && !errorFor(error, 'note') && (
        <Alert color="red" role="alert">
          {formMessage(error, ['note'])}
        </Alert>
      )}
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {query ? t('objections.noMatch') : t('objections.noneForStep')}
        </Text>
      ) : (
        <Accordion variant="separated" multiple defaultValue={stepOnes.length === 1 ? [stepOnes[0].id] : []}>
          {shown.map((o) => (
            <Accordion.Item key={o.id} value={o.id} data-testid="objection">
              <Accordion.Control>
                <Text size="sm" fw={500}>
                  {o.objection}
                </Text>
                {o.stepKey !== item.step.key && (
                  <Text size="xs" c="dimmed">
                    {t('objections.fromPlaybook')}
                  </Text>
                )}
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {o.answers.map((a) => (
                    <Stack key={a.id} gap={4} p="xs" bg={persona && a.persona === persona ? 'blue.0' : 'gray.0'} style={{ borderRadius: 8 }}>
                      <Group gap={6}>
                        {persona && a.persona === persona && (
                          <Badge size="sm" color="blue">
                            {t('objections.forPersona', { persona })}
                          </Badge>
                        )}
                        {a.label && (
                          <Badge size="sm" variant="outline" color="gray">
                            {a.label}
                          </Badge>
                        )}
                      </Group>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {a.text}
                      </Text>
                      <Group justify="flex-end">
                        <Button size="compact-sm" variant="light" loading={fetching} onClick={() => log(o, a.id)}>
                          {t('objections.usedThis')}
                        </Button>
                      </Group>
                    </Stack>
                  ))}
                  {improvising === o.id ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        void log(o, null, note);
                      }}
                    >
                      <Stack gap="xs">
                        <Textarea
                          label={t('objections.improvisedNote')}
                          value={note}
                          onChange={(e) => setNote(e.currentTarget.value)}
                          autosize
                          minRows={2}
                          maxLength={2000}
                          error={errorFor(error, 'note')}
                          data-autofocus
                        />
                        <Group justify="flex-end" gap="xs">
                          <Button size="compact-sm" variant="subtle" onClick={() => setImprovising(null)}>
                            {t('common.cancel')}
                          </Button>
                          <Button size="compact-sm" type="submit" loading={fetching}>
                            {t('objections.log')}
                          </Button>
                        </Group>
                      </Stack>
                    </form>
                  ) : (
                    <Group justify="flex-end">
                      <Button size="compact-sm" variant="subtle" onClick={() => setImprovising(o.id)}>
                        {t('objections.improvised')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      {item.objectionLogs.length > 0 && (
        <Stack gap={4} data-testid="objection-logs">
          <Text size="sm" fw={600}>
            {t('objections.logged', { count: item.objectionLogs.length })}
          </Text>
          {item.objectionLogs.map((l) => {
            const o = byId.get(l.objectionId);
            const a = o?.answers.find((x) => x.id === l.answerId);
            return (
              <Text key={l.id} size="xs" c="dimmed">
                {fmt.time(l.loggedAt)} · {o?.objection ?? t('objections.unknownObjection')} →{' '}
                {a ? (a.label ?? t('objections.preparedAnswer')) : t('objections.improvisedShort')}
                {l.note ? ` — ${l.note}` : ''}
              </Text>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
