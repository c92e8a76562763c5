import '../../../i18n/areas/adminData';
import { Alert, Button, Card, FileInput, Group, NativeSelect, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useSession } from '../../../auth/session';
import { useFormat, useViewer } from '../../../auth/viewer';
import { useRefetchOnRetry } from '../../../lib/useRetry';
import { Empty, ForbiddenPage, Loading, QueryError } from '../../../ui/states';
import { SurveyListDoc } from '../surveys/operations';
import { importUrl, percentOf, reportRows, type Delimiter, type ImportOutcome, type ImportReport } from './report';
import { uploadCsv } from './upload';
import { ScrollRegion } from '../ScrollRegion';

/** MAX_IMPORT_BYTES of the API (docs/intake.md): larger bodies are refused with 413. */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number | null; dryRun: boolean } | { kind: 'processing'; dryRun: boolean };

/** `/admin/import`: CSV lead import: a dry run with the per-line report, then the import. */
export default function Import() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const { session, signOut } = useSession();
  const allowed = me.role === 'ADMIN' || me.role === 'MANAGER';
  const [{ data, error }, refetch] = useQuery({ query: SurveyListDoc, pause: !allowed });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const [surveyId, setSurveyId] = useState<string>('');
  const [file, setFile] = useState<File | null>(null);
  const [delimiter, setDelimiter] = useState<Delimiter>('auto');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [result, setResult] = useState<{ outcome: ImportOutcome; dryRun: boolean; key: string } | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const abortRef = useRef<(() => void) | null>(null);
  useEffect(() => () => abortRef.current?.(), []);

  if (!allowed) return <ForbiddenPage />;
  if (error && !data) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading />;
  const surveys = data.surveys.filter((s) => s.kind === 'INTAKE' && s.currentVersion);
  if (surveys.length === 0) return <Empty title={t('adminData.import.noSurveyTitle')}>{t('adminData.import.noSurveyText')}</Empty>;
  const chosenSurvey = surveyId || surveys[0]!.id;
  const selectionKey = file ? `${chosenSurvey}|${delimiter}|${file.name}|${file.size}|${file.lastModified}` : '';
  const checked = result?.dryRun && result.key === selectionKey && result.outcome.ok;
  const busy = phase.kind !== 'idle';

  const run = async (dryRun: boolean) => {
    if (!file) {
      setFileError(t('adminData.import.chooseFile'));
      return;
    }
    if (file.size === 0) return setFileError(t('adminData.import.emptyFile'));
    if (file.size > MAX_IMPORT_BYTES) return setFileError(t('adminData.import.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
    if (!session) return;
    setFileError(undefined);
    setResult(null);
    setPhase({ kind: 'uploading', percent: 0, dryRun });
    const up = uploadCsv(importUrl(chosenSurvey, dryRun, delimiter), file, session.token, {
      progress: (loaded, total) => setPhase({ kind: 'uploading', percent: percentOf(loaded, total), dryRun }),
      uploaded: () => setPhase({ kind: 'processing', dryRun }),
    });
    abortRef.current = up.abort;
    const outcome = await up.done;
    abortRef.current = null;
    setPhase({ kind: 'idle' });
    if (!outcome) return;
    if (!outcome.ok && outcome.code === 'UNAUTHENTICATED') return signOut('expired');
    setResult({ outcome, dryRun, key: selectionKey });
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('adminData.import.intro')}
      </Text>
      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('adminData.import.survey')}
              value={chosenSurvey}
              onChange={(e) => setSurveyId(e.currentTarget.value)}
              data={surveys.map((s) => ({ value: s.id, label: `${s.name} (v${s.currentVersion!.version})` }))}
              data-testid="import-survey"
              disabled={busy}
            />
            <FileInput
              label={t('adminData.import.file')}
              placeholder={t('adminData.import.filePlaceholder')}
              accept=".csv,text/csv,text/plain"
              value={file}
              onChange={(f) => {
                setFile(f);
                setFileError(undefined);
              }}
              error={fileError}
              clearable
              clearButtonProps={{ 'aria-label': t('adminData.import.clearFile') }}
              disabled={busy}
              data-testid="import-file"
            />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="import-delimiter-label">
              {t('adminData.import.delimiter')}
            </Text>
            <SegmentedControl
              aria-labelledby="import-delimiter-label"
              value={delimiter}
              onChange={(v) => setDelimiter(v as Delimiter)}
              disabled={busy}
              data={[
                { value: 'auto', label: t('adminData.import.delimiters.auto') },
                { value: 'comma', label: t('adminData.import.delimiters.comma') },
                { value: 'semicolon', label: t('adminData.import.delimiters.semicolon') },
              ]}
              style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
            />
          </Stack>
          <Text size="xs" c="dimmed">
            {t('adminData.import.columnsHelp')}
          </Text>
          <Group gap="sm" wrap="wrap">
            <Button onClick={() => void run(true)} disabled={busy} variant={checked ? 'default' : 'filled'} data-testid="import-dry-run">
              {t('adminData.import.dryRun')}
            </Button>
            <Button onClick={() => void run(false)} disabled={busy || !checked} variant={checked ? 'filled' : 'default'} data-testid="import-run">
              {t('adminData.import.run')}
            </Button>
            {busy && (
              <Button variant="subtle" color="red" onClick={() => abortRef.current?.()}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
          {!checked && file && !busy && (
            <Text size="xs" c="dimmed">
              {t('adminData.import.dryRunFirst')}
            </Text>
          )}
          {busy && <UploadProgress phase={phase} />}
        </Stack>
      </Card>
      {result && <ImportResult outcome={result.outcome} dryRun={result.dryRun} />}
    </Stack>
  );
}

function UploadProgress({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const label =
    phase.kind === 'uploading'
      ? phase.percent === null
        ? t('adminData.import.uploading')
        : t('adminData.import.uploadingPercent', { percent: phase.percent })
      : t(phase.kind === 'processing' && phase.dryRun ? 'adminData.import.checking' : 'adminData.import.importing');
  const value = phase.kind === 'uploading' ? (phase.percent ?? 0) : 100;
  return (
    <Stack gap={4} data-testid="import-progress">
      <Text size="sm" role="status" aria-live="polite">
        {label}
      </Text>
      <Progress value={value} animated={phase.kind === 'processing'} striped={phase.kind === 'processing'} aria-label={label} size="lg" />
    </Stack>
  );
}

function ImportResult({ outcome, dryRun }: { outcome: ImportOutcome; dryRun: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!outcome.ok) {
    const message =
      outcome.code === 'TOO_LARGE'
        ? t('adminData.import.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })
        : outcome.code === 'NETWORK'
          ? t('adminData.import.network')
          : outcome.code === 'FORBIDDEN'
            ? t('adminData.import.forbidden')
            : [outcome.message, ...outcome.fields.map((f) => `${f.field}: ${f.message}`)].filter(Boolean).join(' ');
    return (
      <Alert color="red" title={t('adminData.import.refused')} data-testid="import-refused">
        {message}
      </Alert>
    );
  }
  const r: ImportReport = outcome.report;
  const rows = reportRows(r);
  const badLines = r.errors.length;
  const n = (v: number | null) => (v === null ? '—' : fmt.number(v, 0));
  const totals = dryRun
    ? [
        { key: 'rows', label: t('adminData.import.totals.rows'), value: n(r.rows) },
        { key: 'good', label: t('adminData.import.totals.good'), value: n(Math.max(0, r.rows - badLines)) },
        { key: 'bad', label: t('adminData.import.totals.bad'), value: n(badLines) },
      ]
    : [
        { key: 'rows', label: t('adminData.import.totals.rows'), value: n(r.rows) },
        { key: 'imported', label: t('adminData.import.totals.imported'), value: n(r.imported) },
        { key: 'duplicates', label: t('adminData.import.totals.duplicates'), value: n(r.duplicates) },
        { key: 'bad', label: t('adminData.import.totals.bad'), value: n(badLines) },
        { key: 'created', label: t('adminData.import.totals.created'), value: n(r.leadsCreated) },
        { key: 'updated', label: t('adminData.import.totals.updated'), value: n(r.leadsUpdated) },
        { key: 'assigned', label: t('adminData.import.totals.assigned'), value: n(r.assigned) },
      ];
  return (
    <Stack gap="sm" data-testid={dryRun ? 'dry-run-report' : 'import-report'}>
      <Title order={2} size="h4">
        {dryRun ? t('adminData.import.dryRunTitle') : t('adminData.import.doneTitle')}
      </Title>
      <Text size="sm" role="status">
        {dryRun
          ? badLines === 0
            ? t('adminData.import.dryRunClean', { count: r.rows })
            : t('adminData.import.dryRunErrors', { count: badLines })
          : t('adminData.import.doneText', { count: r.imported })}
      </Text>
      <SimpleGrid cols={{ base: 2, xs: 3, md: totals.length > 3 ? 7 : 3 }} spacing="xs">
        {totals.map((x) => (
          <Card key={x.key} withBorder radius="md" padding="xs" data-testid={`import-total-${x.key}`}>
            <Text size="xs" c="dimmed">
              {x.label}
            </Text>
            <Text fw={800} fz="lg">
              {x.value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {!dryRun && r.leadsCreated === null && (
        <Text size="xs" c="dimmed">
          {t('adminData.import.countsHidden')}
        </Text>
      )}
      {rows.length > 0 && (
        <ScrollRegion label={t('adminData.import.errorsCaption')} minWidth={320}>
          <Table striped data-testid="import-errors">
            <Table.Caption>{t('adminData.import.errorsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('adminData.import.line')}</Table.Th>
                <Table.Th>{t('adminData.import.field')}</Table.Th>
                <Table.Th>{t('adminData.import.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={i} data-testid="import-error">
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{row.line}</Table.Td>
                  <Table.Td>
                    <Text span ff="monospace" size="sm">
                      {row.field ?? t('adminData.import.wholeLine')}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Stack>
  );
}
