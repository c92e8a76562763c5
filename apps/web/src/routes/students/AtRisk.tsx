import { Alert, Button, Card, Drawer, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorFor, formMessage } from '../../api/errors';
import { useFormat, useViewer } from '../../auth/viewer';
import type { InterventionChannel, InterventionOutcome, InterventionReason, StudentsAtRiskQuery } from '../../gql/graphql';
import '../../i18n/areas/curator';
import { addDays } from '../../lib/format';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { SoftBadge } from '../board/SoftBadge';
import { AtRiskDoc, DropReasonsDoc, InterventionsDoc, LogInterventionDoc } from './operations';
import { daysBetween, formatLocalDay } from './students';
import { useCurators } from './useCurators';

type Risky = StudentsAtRiskQuery['studentsAtRisk'][number];

const CHANNELS: InterventionChannel[] = ['CALL', 'MESSAGE', 'EMAIL', 'MEETING', 'OTHER'];
const REASONS: InterventionReason[] = ['NO_STUDY', 'BEHIND_PROGRESS', 'NPS_DETRACTOR', 'INSTALLMENT_OVERDUE', 'OTHER'];
const OUTCOMES: InterventionOutcome[] = ['REACHED', 'PROMISED_TO_STUDY', 'NEEDS_HELP', 'WANTS_TO_DROP', 'NO_ANSWER', 'OTHER'];

/** `/students/risk`: students at risk now, longest first; open one to log an intervention. */
export default function AtRisk() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const fmt = useFormat();
  const isCurator = me.role === 'MEMBER';
  const { curators } = useCurators();
  const [curatorId, setCuratorId] = useState<string | null>(null);
  const [open, setOpen] = useState<Risky | null>(null);
  const variables = useMemo(() => ({ curatorId: isCurator ? me.id : curatorId }), [isCurator, me.id, curatorId]);
  const [{ data, error }, refetch] = useQuery({ query: AtRiskDoc, variables });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));
  const curatorNames = useMemo(() => new Map(curators.map((c) => [c.id, c.name])), [curators]);

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('curator.risk.intro')}
      </Text>
      {!isCurator && (
        <Select
          label={t('curator.curator')}
          placeholder={t('curator.allCurators')}
          data={curators.map((c) => ({ value: c.id, label: `${c.name} · ${c.squadName}` }))}
          value={curatorId}
          onChange={setCuratorId}
          clearable
          searchable
          w={{ base: '100%', xs: 280 }}
        />
      )}
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading />
      ) : data.studentsAtRisk.length === 0 ? (
        <Card withBorder radius="md">
          <Empty title={t('curator.risk.noneTitle')}>{t('curator.risk.noneText')}</Empty>
        </Card>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="risk-list">
          {data.studentsAtRisk.map((s) => (
            <Card component="li" key={s.enrollmentId} withBorder radius="md" padding="sm" data-testid="risk-row">
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
                  <Text fw={700}>{s.leadName}</Text>
                  <Text size="xs" c="dimmed">
                    {s.productName}
                    {!isCurator && s.curatorId && curatorNames.get(s.curatorId) ? ` · ${curatorNames.get(s.curatorId)}` : ''}
                  </Text>
                  <Group gap={6} wrap="wrap">
                    {s.reasons.map((r) => (
                      <SoftBadge key={r.code} color={r.code === 'INSTALLMENT_OVERDUE' ? 'orange' : 'red'}>
                        {t(`curator.reason.${r.code}`)}
                      </SoftBadge>
                    ))}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('curator.risk.since', { date: formatLocalDay(s.since, fmt.locale), count: Math.max(0, daysBetween(s.since, fmt.localToday)) })}
                    {' · '}
                    {s.lastInterventionAt ? t('curator.risk.lastIntervention', { when: fmt.dateTime(s.lastInterventionAt) }) : t('curator.risk.noIntervention')}
                  </Text>
                </Stack>
                <Button variant="light" onClick={() => setOpen(s)} data-testid="open-student" style={{ flexShrink: 0 }}>
                  {t('curator.risk.open')}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <DropReasons />
      <Drawer
        opened={open != null}
        onClose={() => setOpen(null)}
        position="right"
        size="md"
        title={open ? open.leadName : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        data-testid="student-drawer"
      >
        {open && (
          <StudentRisk
            student={open}
            onLogged={() => {
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        )}
      </Drawer>
    </Stack>
  );
}

function StudentRisk({ student, onLogged }: { student: Risky; onLogged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: InterventionsDoc, variables: { enrollmentId: student.enrollmentId } });
  const [channel, setChannel] = useState<InterventionChannel>('CALL');
  const [reason, setReason] = useState<InterventionReason>((student.reasons[0]?.code as InterventionReason | undefined) ?? 'OTHER');
  const [outcome, setOutcome] = useState<InterventionOutcome | null>(null);
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [result, log] = useMutation(LogInterventionDoc);

  const submit = async () => {
    setSaved(false);
    if (!outcome) {
      setLocalError(t('curator.log.outcomeRequired'));
      return;
    }
    setLocalError(null);
    const res = await log({ input: { enrollmentId: student.enrollmentId, channel, reason, outcome, note: note.trim() || null } });
    if (!res.error) {
      setNote('');
      setOutcome(null);
      setSaved(true);
      refetch({ requestPolicy: 'network-only' });
      onLogged();
    }
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {student.productName}
        </Text>
        <Title order={2} size="h5">
          {t('curator.risk.reasons')}
        </Title>
        {student.reasons.map((r) => (
          <Text size="sm" key={r.code}>
            <b>{t(`curator.reason.${r.code}`)}</b> · {t('curator.risk.reasonSince', { date: formatLocalDay(r.since, fmt.locale) })}
          </Text>
        ))}
      </Stack>
      <Card withBorder radius="md" padding="sm" component="form" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="log-form">
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('curator.log.title')}
          </Title>
          <Select
            label={t('curator.log.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`curator.channel.${c}`) }))}
            value={channel}
            onChange={(v) => v && setChannel(v as InterventionChannel)}
            allowDeselect={false}
            error={errorFor(result.error, 'channel')}
            data-autofocus
          />
          <Select
            label={t('curator.log.reason')}
            data={REASONS.map((c) => ({ value: c, label: t(`curator.reason.${c}`) }))}
            value={reason}
            onChange={(v) => v && setReason(v as InterventionReason)}
            allowDeselect={false}
            error={errorFor(result.error, 'reason')}
          />
          <Select
            label={t('curator.log.outcome')}
            placeholder={t('curator.log.outcomePlaceholder')}
            data={OUTCOMES.map((c) => ({ value: c, label: t(`curator.outcome.${c}`) }))}
            value={outcome}
            onChange={(v) => setOutcome(v as InterventionOutcome | null)}
            error={localError ?? errorFor(result.error, 'outcome')}
            required
            data-testid="log-outcome"
          />
          <Textarea
            label={t('curator.log.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            error={errorFor(result.error, 'note')}
            data-testid="log-note"
          />
          {formMessage(result.error, ['channel', 'reason', 'outcome', 'note']) && (
            <Alert color="red" role="alert">
              {formMessage(result.error, ['channel', 'reason', 'outcome', 'note'])}
            </Alert>
          )}
          {saved && (
            <Alert color="green" role="status" data-testid="log-saved">
              {t('curator.log.saved')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={result.fetching} data-testid="log-submit">
              {t('curator.log.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('curator.log.history')}
        </Title>
        {error && !data ? (
          <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : !data ? (
          <Loading />
        ) : data.interventionsOf.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('curator.log.none')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="interventions">
            {data.interventionsOf.map((i) => (
              <Card component="li" key={i.id} withBorder radius="sm" padding="xs" data-testid="intervention">
                <Group justify="space-between" gap={6}>
                  <Text size="sm" fw={600}>
                    {t(`curator.channel.${i.channel}`)} · {t(`curator.outcome.${i.outcome}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {fmt.dateTime(i.occurredAt)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t(`curator.reason.${i.reason}`)}
                </Text>
                {i.note && <Text size="sm">{i.note}</Text>}
              </Card>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

/** Why students left in the last 90 days, per course. */
function DropReasons() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const variables = useMemo(() => ({ from: addDays(fmt.localToday, -90), to: addDays(fmt.localToday, 1) }), [fmt.localToday]);
  const [{ data }] = useQuery({ query: DropReasonsDoc, variables });
  const rows = (data?.dropReasons ?? []).filter((r) => r.ended > 0);
  if (rows.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="drop-reasons">
      <Title order={2} size="h5" mb={6}>
        {t('curator.drop.title')}
      </Title>
      <Stack gap={8}>
        {rows.map((r) => (
          <Stack gap={2} key={r.productId}>
            <Text size="sm" fw={600}>
              {r.productName} · {t('curator.drop.ended', { count: r.ended })}
            </Text>
            <Group gap={6} wrap="wrap">
              {r.reasons.map((x) => (
                <SoftBadge key={x.reason} color="gray">
                  {t(`curator.dropReason.${x.reason}`)}: {x.count}
                </SoftBadge>
              ))}
              {r.unrecorded > 0 && <SoftBadge color="yellow">{t('curator.drop.unrecorded', { count: r.unrecorded })}</SoftBadge>}
            </Group>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
