import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import { useFormat, useViewer } from '../../auth/viewer';
import type { ExperimentDetailQuery } from '../../gql/graphql';
import { localDate } from '../../lib/format';
import { Loading, QueryError } from '../../ui/states';
import { ExperimentEntriesDoc, LogExperimentDataDoc } from './operations';
import { Choice } from './Choice';
import { dailyTotals } from './stats';

type Exp = ExperimentDetailQuery['experiment'];
type Counts = Record<string, { exposures: number | string; conversions: number | string }>;

/**
 * LOGGED experiments: the daily counts per variant (totals per day with corrections folded in),
 * a form to log a day or correct one (the difference is logged as a new entry), and the history.
 */
export function DailyData({ experiment: e, onLogged }: { experiment: Exp; onLogged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { me } = useViewer();
  const [{ data, error: loadError }, refetch] = useQuery({ query: ExperimentEntriesDoc, variables: { id: e.id, after: null } });
  const canLog = e.status === 'RUNNING' || e.status === 'STOPPED';
  const firstDay = e.startedAt ? localDate(new Date(e.startedAt), fmt.timeZone) : fmt.localToday;
  const [mode, setMode] = useState<'add' | 'correct'>('add');
  const [day, setDay] = useState(fmt.localToday);
  const [note, setNote] = useState('');
  const empty = (): Counts => Object.fromEntries(e.variants.map((v) => [v.key, { exposures: '', conversions: '' }]));
  const [counts, setCounts] = useState<Counts>(empty);
  const [{ fetching, error }, log] = useMutation(LogExperimentDataDoc);
  const [done, setDone] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  /** Variant keys of the entries last sent, in order (errors name entries by index). */
  const [sent, setSent] = useState<string[]>([]);

  if (loadError && !data) return <QueryError error={loadError} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  const entries = data.experiment.dataEntries.nodes;
  const totals = dailyTotals(entries);
  const totalOf = (d: string, key: string) => totals.find((x) => x.day === d && x.variantKey === key) ?? { exposures: 0, conversions: 0 };
  const days = [...new Set(totals.map((x) => x.day))].sort().reverse();

  const startCorrection = (d: string) => {
    setMode('correct');
    setDay(d);
    setCounts(Object.fromEntries(e.variants.map((v) => [v.key, { exposures: totalOf(d, v.key).exposures, conversions: totalOf(d, v.key).conversions }])));
    setNote('');
    setDone(null);
  };
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setDone(null);
    setLocalError(null);
    const rows = e.variants
      .map((v) => {
        const c = counts[v.key];
        const ex = c.exposures === '' ? 0 : Number(c.exposures);
        const cv = c.conversions === '' ? 0 : Number(c.conversions);
        if (mode === 'correct') {
          const cur = totalOf(day, v.key);
          return { variantKey: v.key, day, exposures: ex - cur.exposures, conversions: cv - cur.conversions };
        }
        return { variantKey: v.key, day, exposures: ex, conversions: cv };
      })
      .filter((r) => r.exposures !== 0 || r.conversions !== 0);
    if (rows.length === 0) {
      setLocalError(mode === 'correct' ? t('exp.data.nothingChanged') : t('exp.data.nothingToLog'));
      return;
    }
    setSent(rows.map((r) => r.variantKey));
    const res = await log({ experimentId: e.id, entries: rows, note: note.trim() || null });
    if (res.data?.logExperimentData) {
      setDone(mode === 'correct' ? t('exp.data.corrected', { day }) : t('exp.data.logged', { day }));
      setCounts(empty());
      setNote('');
      setMode('add');
      refetch({ requestPolicy: 'network-only' });
      onLogged();
    }
  };
  const message = formMessage(error, ['day', 'exposures', 'conversions', 'note', 'variantKey']);
  const rowError = (key: string, f: string) => (sent.includes(key) ? errorFor(error, `entries.${sent.indexOf(key)}.${f}`) : undefined);
  const dayError = errorFor(error, 'day');

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="exp-data" data-testid="daily-data">
      <Stack gap="md">
        <Title order={2} size="h4" id="exp-data">
          {t('exp.data.title')}
        </Title>
        {canLog ? (
          <form onSubmit={onSubmit} noValidate data-testid="log-form">
            <Stack gap="sm">
              <Choice
                label={t('exp.data.modeLabel')}
                value={mode}
                onChange={(v) => {
                  setMode(v);
                  if (v === 'correct') startCorrection(day);
                  else setCounts(empty());
                }}
                options={[
                  { value: 'add' as const, label: t('exp.data.add') },
                  { value: 'correct' as const, label: t('exp.data.correct') },
                ]}
              />
              <Text size="xs" c="dimmed">
                {mode === 'correct' ? t('exp.data.correctHint') : t('exp.data.addHint')}
              </Text>
              <Group gap="sm" align="flex-start" wrap="wrap">
                <TextInput
                  type="date"
                  label={t('exp.data.day')}
                  value={day}
                  min={firstDay}
                  max={fmt.localToday}
                  onChange={(ev) => {
                    const d = ev.currentTarget.value;
                    if (mode === 'correct') startCorrection(d);
                    else setDay(d);
                  }}
                  error={dayError}
                  data-testid="log-day"
                />
                <TextInput
                  label={t('exp.data.note')}
                  value={note}
                  onChange={(ev) => setNote(ev.currentTarget.value)}
                  error={errorFor(error, 'note')}
                  style={{ flex: '1 1 220px' }}
                />
              </Group>
              <div style={{ overflowX: 'auto' }}>
                <Table verticalSpacing={4} miw={320}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('exp.data.variant')}</Table.Th>
                      <Table.Th>{mode === 'correct' ? t('exp.data.exposuresTotal') : t('exp.data.exposures')}</Table.Th>
                      <Table.Th>{mode === 'correct' ? t('exp.data.conversionsTotal') : t('exp.data.conversions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {e.variants.map((v) => (
                      <Table.Tr key={v.key}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {v.key}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={t('exp.data.exposuresOf', { key: v.key })}
                            value={counts[v.key]?.exposures ?? ''}
                            onChange={(x) => setCounts((c) => ({ ...c, [v.key]: { ...c[v.key], exposures: x } }))}
                            min={0}
                            allowDecimal={false}
                            allowNegative={false}
                            error={rowError(v.key, 'exposures')}
                            data-testid={`exposures-${v.key}`}
                            miw={90}
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            aria-label={t('exp.data.conversionsOf', { key: v.key })}
                            value={counts[v.key]?.conversions ?? ''}
                            onChange={(x) => setCounts((c) => ({ ...c, [v.key]: { ...c[v.key], conversions: x } }))}
                            min={0}
                            allowDecimal={false}
                            allowNegative={false}
                            error={rowError(v.key, 'conversions')}
                            data-testid={`conversions-${v.key}`}
                            miw={90}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
              {(message || localError) && (
                <Alert color="red" role="alert" p="xs">
                  {localError ?? message}
                </Alert>
              )}
              {done && (
                <Text size="sm" c="teal.9" role="status">
                  {done}
                </Text>
              )}
              <Group>
                <Button type="submit" loading={fetching} data-testid="log-submit">
                  {mode === 'correct' ? t('exp.data.saveCorrection') : t('exp.data.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text size="sm" c="dimmed">
            {e.status === 'DRAFT' ? t('exp.data.notStarted') : t('exp.data.closed')}
          </Text>
        )}

        <Stack gap={4}>
          <Title order={3} size="h5">
            {t('exp.data.totals')}
          </Title>
          {days.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('exp.data.none')}
            </Text>
          ) : (
            <ScrollRegion label={t('exp.data.totals')}>
              <Table striped data-testid="totals" miw={320}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('exp.data.day')}</Table.Th>
                    {e.variants.map((v) => (
                      <Table.Th key={v.key}>{v.key}</Table.Th>
                    ))}
                    {canLog && <Table.Th>{t('exp.data.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {days.map((d) => (
                    <Table.Tr key={d}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{d}</Table.Td>
                      {e.variants.map((v) => {
                        const x = totalOf(d, v.key);
                        return (
                          <Table.Td key={v.key}>
                            {t('exp.data.cell', { conversions: fmt.number(x.conversions, 0), exposures: fmt.number(x.exposures, 0) })}
                          </Table.Td>
                        );
                      })}
                      {canLog && (
                        <Table.Td>
                          <Button size="compact-xs" variant="subtle" onClick={() => startCorrection(d)} aria-label={t('exp.data.correctDay', { day: d })}>
                            {t('exp.data.correct')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
        </Stack>

        {entries.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              {t('exp.data.history')}
            </Title>
            <ScrollRegion label={t('exp.data.history')}>
              <Table data-testid="history" miw={560}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('exp.data.recordedAt')}</Table.Th>
                    <Table.Th>{t('exp.data.day')}</Table.Th>
                    <Table.Th>{t('exp.data.variant')}</Table.Th>
                    <Table.Th>{t('exp.data.exposures')}</Table.Th>
                    <Table.Th>{t('exp.data.conversions')}</Table.Th>
                    <Table.Th>{t('exp.data.note')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((x) => {
                    const correction = x.exposures < 0 || x.conversions < 0;
                    return (
                      <Table.Tr key={x.id} data-correction={correction || undefined}>
                        <Table.Td>
                          {fmt.dateTime(x.recordedAt)}
                          {x.recordedById === me.id ? ` · ${t('exp.data.byYou')}` : ''}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{x.day}</Table.Td>
                        <Table.Td>{x.variantKey}</Table.Td>
                        <Table.Td>{signed(x.exposures, fmt.number)}</Table.Td>
                        <Table.Td>{signed(x.conversions, fmt.number)}</Table.Td>
                        <Table.Td>{x.note ?? ''}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** A table that scrolls sideways on a phone, reachable with the keyboard (axe: scrollable-region-focusable). */
function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}

function signed(v: number, number: (v: number, digits?: number) => string): string {
  return v > 0 ? `+${number(v, 0)}` : number(v, 0);
}
