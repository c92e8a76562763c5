import { Anchor, Card, Group, NativeSelect, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { SoftBadge } from '../board/SoftBadge';
import { Empty, Loading, QueryError } from '../../ui/states';
import { CompareVersionsDoc, EditorSupportDoc, PlaybookDoc } from './operations';
import { usePersonaLabel } from './shared';

/** The fields shown for a whole added or removed step or objection. */
const SHOWN_WHOLE = ['dayOffset', 'localTime', 'channel', 'scripts', 'objection', 'answers'];

const CHANGE_COLOR: Record<string, string> = { ADDED: 'green', REMOVED: 'red', CHANGED: 'yellow', UNCHANGED: 'gray' };

interface Change {
  key: string;
  label: string;
  change: string;
  fields: { field: string; before?: string | null; after?: string | null }[];
}

/** Two versions of a playbook side by side: steps and objections added, removed and changed. */
export default function Compare() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [{ data: pb, error: pbError }] = useQuery({ query: PlaybookDoc, variables: { id } });
  const versions = [...(pb?.playbook.versions ?? [])].sort((x, y) => y.number - x.number);
  const a = params.get('a') ?? versions[1]?.id ?? '';
  const b = params.get('b') ?? versions[0]?.id ?? '';
  const [{ data, error, fetching }, refetch] = useQuery({ query: CompareVersionsDoc, variables: { a, b }, pause: !a || !b || a === b });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [showUnchanged, setShowUnchanged] = useState(false);

  if (pbError && !pb) return <QueryError error={pbError} />;
  if (!pb) return <Loading />;
  const pick = (side: 'a' | 'b', v: string) => {
    const next = new URLSearchParams(params);
    next.set(side, v);
    if (side === 'a' && !next.get('b')) next.set('b', b);
    if (side === 'b' && !next.get('a')) next.set('a', a);
    setParams(next, { replace: true });
  };
  const options = versions.map((v) => ({ value: v.id, label: `${t('playbooks.versionNumber', { number: v.number })} · ${t(`playbooks.status.${v.status}`)}` }));
  const cmp = data?.comparePlaybookVersions;
  const visible = (list: Change[]) => list.filter((c) => showUnchanged || c.change !== 'UNCHANGED');
  const counts = (list: Change[]) => ({
    added: list.filter((c) => c.change === 'ADDED').length,
    removed: list.filter((c) => c.change === 'REMOVED').length,
    changed: list.filter((c) => c.change === 'CHANGED').length,
  });

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/playbooks/${id}`} size="sm">
        ← {pb.playbook.name}
      </Anchor>
      <Text component="h2" fw={700} size="xl" m={0}>
        {t('playbooks.compare.title')}
      </Text>
      <Group align="end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('playbooks.compare.from')}
          value={a}
          onChange={(e) => pick('a', e.currentTarget.value)}
          data={options}
          w={220}
          data-testid="compare-a"
        />
        <NativeSelect
          label={t('playbooks.compare.to')}
          value={b}
          onChange={(e) => pick('b', e.currentTarget.value)}
          data={options}
          w={220}
          data-testid="compare-b"
        />
        <Switch label={t('playbooks.compare.showUnchanged')} checked={showUnchanged} onChange={(e) => setShowUnchanged(e.currentTarget.checked)} mb={6} />
      </Group>
      {a === b && <Empty title={t('playbooks.compare.same')} />}
      {error && <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {fetching && !cmp && <Loading />}
      {cmp && (
        <>
          <Text size="sm" data-testid="compare-summary">
            {t('playbooks.compare.summary', {
              a: cmp.a.number,
              b: cmp.b.number,
              added: counts(cmp.steps).added,
              removed: counts(cmp.steps).removed,
              changed: counts(cmp.steps).changed,
            })}
          </Text>
          <ChangeList title={t('playbooks.compare.steps')} list={visible(cmp.steps)} a={cmp.a.number} b={cmp.b.number} testId="step-change" />
          <ChangeList title={t('playbooks.compare.objections')} list={visible(cmp.objections)} a={cmp.a.number} b={cmp.b.number} testId="objection-change" />
        </>
      )}
    </Stack>
  );
}

function ChangeList({ title, list, a, b, testId }: { title: string; list: Change[]; a: number; b: number; testId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text component="h3" fw={600} m={0}>
        {title}
      </Text>
      {list.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('playbooks.compare.noChanges')}
        </Text>
      )}
      {list.map((c) => (
        <Card key={c.key} withBorder padding="sm" data-testid={testId} data-change={c.change} data-key={c.key}>
          <Group gap="xs" mb={c.fields.length ? 'xs' : 0} wrap="nowrap">
            <SoftBadge color={CHANGE_COLOR[c.change] ?? 'gray'}>{t(`playbooks.change.${c.change}`)}</SoftBadge>
            <Text fw={600} size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {c.label || c.key}
            </Text>
          </Group>
          {(c.change === 'ADDED' || c.change === 'REMOVED') && (
            <Stack gap={4}>
              {c.fields
                .filter((f) => SHOWN_WHOLE.includes(f.field) && (c.change === 'ADDED' ? f.after : f.before))
                .map((f) => (
                  <Stack key={f.field} gap={2}>
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                      {t(`playbooks.fields.${f.field}`)}
                    </Text>
                    <Side
                      label={t('playbooks.versionNumber', { number: c.change === 'ADDED' ? b : a })}
                      field={f.field}
                      value={c.change === 'ADDED' ? f.after : f.before}
                      tone={c.change === 'ADDED' ? 'green' : 'red'}
                    />
                  </Stack>
                ))}
            </Stack>
          )}
          {c.change === 'CHANGED' &&
            c.fields.map((f) => (
              <Stack key={f.field} gap={4} mb="xs">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                  {t(`playbooks.fields.${f.field}`)}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <Side label={t('playbooks.versionNumber', { number: a })} field={f.field} value={f.before} tone="red" />
                  <Side label={t('playbooks.versionNumber', { number: b })} field={f.field} value={f.after} tone="green" />
                </SimpleGrid>
              </Stack>
            ))}
        </Card>
      ))}
    </Stack>
  );
}

/** One side of a changed field: scripts and answers (JSON lists) as one line per persona. */
function Side({ label, field, value, tone }: { label: string; field: string; value?: string | null; tone: string }) {
  const { t } = useTranslation();
  const [{ data: support }] = useQuery({ query: EditorSupportDoc });
  const personaLabel = usePersonaLabel(support?.personas);
  const list =
    value && (field === 'scripts' || field === 'answers') ? parseJson<{ persona?: string | null; label?: string | null; text: string }[]>(value) : null;
  const names = value && (field === 'tiers' || field === 'personas') ? parseJson<string[]>(value) : null;
  let body: ReactNode = value ?? '—';
  if (list) {
    body = (
      <Stack gap={4}>
        {list.map((x, i) => (
          <Text size="sm" key={i} style={{ whiteSpace: 'pre-wrap' }}>
            <Text span fw={600} size="sm">
              {x.persona ? personaLabel(x.persona) : field === 'answers' ? t('playbooks.editor.anyPersona') : t('playbooks.editor.defaultText')}
              {x.label ? ` (${x.label})` : ''}:
            </Text>{' '}
            {x.text}
          </Text>
        ))}
      </Stack>
    );
  } else if (names) {
    body = names.length ? names.map((x) => (field === 'personas' ? personaLabel(x) : x)).join(', ') : t('playbooks.editor.all');
  } else if (value && ['channel', 'audience', 'groupScope'].includes(field)) {
    body = t(`playbooks.${field}.${value}`);
  } else if (value && field === 'afterPurchase') {
    body = value === 'true' ? t('playbooks.yes') : t('playbooks.no');
  }
  return (
    <Card padding="xs" radius="sm" style={{ background: `var(--mantine-color-${tone}-0)`, border: `1px solid var(--mantine-color-${tone}-2)` }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {typeof body === 'string' ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {body}
        </Text>
      ) : (
        body
      )}
    </Card>
  );
}

function parseJson<T>(value: string): T | null {
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}
