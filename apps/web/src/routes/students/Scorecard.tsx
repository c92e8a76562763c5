import { Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useFormat, useViewer } from '../../auth/viewer';
import '../../i18n/areas/curator';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { useValueFormat, type MetricUnit } from '../board/valueFormat';
import { CuratorScorecardDoc } from './operations';
import { InstallmentCell, LastStudyCell, NpsCell, ProgressCell } from './StudentCells';
import { periodAnchor, sortStudents, type ScorecardPeriodKind } from './students';
import { useCurators } from './useCurators';
import { ScrollRegion } from './ScrollRegion';

const KINDS: ScorecardPeriodKind[] = ['ISO_WEEK', 'MONTH', 'QUARTER'];

/** `/students/scorecard`: a curator's course-service numbers for a period, and the students behind them. */
export default function Scorecard() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const fmt = useFormat();
  const isCurator = me.role === 'MEMBER';
  const { curators, loaded } = useCurators();
  const [picked, setPicked] = useState<string | null>(null);
  const [kind, setKind] = useState<ScorecardPeriodKind>('MONTH');
  const [back, setBack] = useState('0');
  const memberId = isCurator ? me.id : (curators.find((c) => c.id === picked)?.id ?? curators[0]?.id ?? null);
  const variables = useMemo(
    () => ({ memberId: memberId ?? '', period: { kind, start: periodAnchor(kind, Number(back), fmt.localToday) } }),
    [memberId, kind, back, fmt.localToday],
  );
  const [{ data, error }, refetch] = useQuery({ query: CuratorScorecardDoc, variables, pause: !memberId });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));

  const students = useMemo(() => sortStudents(data?.curatorScorecard.students.nodes ?? [], 'name', 'asc', fmt.locale), [data, fmt.locale]);

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        {!isCurator && (
          <Select
            label={t('curator.curator')}
            data={curators.map((c) => ({ value: c.id, label: `${c.name} · ${c.squadName}` }))}
            value={memberId}
            onChange={(v) => v && setPicked(v)}
            allowDeselect={false}
            searchable
            w={{ base: '100%', xs: 280 }}
            data-testid="scorecard-curator"
          />
        )}
        <Select
          label={t('curator.score.periodKind')}
          data={KINDS.map((k) => ({ value: k, label: t(`periodKind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as ScorecardPeriodKind)}
          allowDeselect={false}
          w={{ base: '47%', xs: 160 }}
        />
        <Select
          label={t('curator.score.which')}
          data={[
            { value: '0', label: t('curator.score.current') },
            { value: '1', label: t('curator.score.previous') },
            { value: '2', label: t('curator.score.twoAgo') },
          ]}
          value={back}
          onChange={(v) => v && setBack(v)}
          allowDeselect={false}
          w={{ base: '47%', xs: 180 }}
        />
      </Group>
      {!isCurator && loaded && curators.length === 0 ? (
        <Card withBorder radius="md">
          <Empty title={t('curator.score.noCuratorsTitle')}>{t('curator.score.noCuratorsText')}</Empty>
        </Card>
      ) : error && !data ? (
        <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" data-testid="scorecard-period">
            {t('curator.score.periodLine', {
              name: data.curatorScorecard.entityName,
              period: data.curatorScorecard.period.label,
              previous: data.curatorScorecard.previousPeriod.label,
            })}
          </Text>
          <Card withBorder radius="md" p={0}>
            <ScrollRegion label={t('curator.tabs.scorecard')} minWidth={330}>
              <Table verticalSpacing="xs" data-testid="scorecard-lines">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('curator.score.metric')}</Table.Th>
                    <Table.Th ta="right">{t('curator.score.value')}</Table.Th>
                    <Table.Th ta="right" visibleFrom="sm">
                      {t('curator.score.previousValue')}
                    </Table.Th>
                    <Table.Th ta="right">{t('curator.score.change')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.curatorScorecard.lines.map((l) => {
                    const m = data.metrics.find((x) => x.key === l.current.metricKey);
                    return (
                      <ScoreLine
                        key={l.current.metricKey}
                        label={m?.label ?? l.current.metricKey}
                        definition={m?.definition ?? ''}
                        unit={(m?.unit ?? 'SCORE') as MetricUnit}
                        lowerIsBetter={m?.direction === 'LOWER_IS_BETTER'}
                        value={l.current.value}
                        numerator={l.current.numerator}
                        denominator={l.current.denominator ?? null}
                        previous={l.previous.value}
                        change={l.change ?? null}
                      />
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </Card>
          <Title order={2} size="h4" mt="sm">
            {t('curator.score.behind', { count: students.length })}
          </Title>
          {students.length === 0 ? (
            <Card withBorder radius="md">
              <Empty title={t('curator.score.noStudents')} />
            </Card>
          ) : (
            <Card withBorder radius="md" p={0}>
              <ScrollRegion label={t('curator.score.behind', { count: students.length })} minWidth={760}>
                <Table verticalSpacing="xs" data-testid="scorecard-students">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('curator.col.name')}</Table.Th>
                      <Table.Th>{t('curator.col.progress')}</Table.Th>
                      <Table.Th>{t('curator.col.lastStudy')}</Table.Th>
                      <Table.Th>{t('curator.col.nps')}</Table.Th>
                      <Table.Th>{t('curator.col.installments')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {students.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {r.studentName}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t(`curator.enrollmentStatus.${r.status}`)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <ProgressCell row={r} />
                        </Table.Td>
                        <Table.Td>
                          <LastStudyCell row={r} />
                        </Table.Td>
                        <Table.Td>
                          <NpsCell row={r} />
                        </Table.Td>
                        <Table.Td>
                          <InstallmentCell row={r} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}

function ScoreLine(p: {
  label: string;
  definition: string;
  unit: MetricUnit;
  lowerIsBetter: boolean;
  value: number | null | undefined;
  numerator: number;
  denominator: number | null;
  previous: number | null | undefined;
  change: number | null;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const value = useValueFormat(p.unit);
  const better = p.change == null || p.change === 0 ? null : p.lowerIsBetter ? p.change < 0 : p.change > 0;
  return (
    <Table.Tr data-testid="scorecard-line">
      <Table.Td>
        <Text size="sm" fw={600}>
          {p.label}
        </Text>
        {p.denominator != null && (
          <Text size="xs" c="dimmed">
            {t('curator.score.ofBase', { numerator: fmt.number(p.numerator, 0), denominator: fmt.number(p.denominator, 0) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={700}>
          {value(p.value)}
        </Text>
      </Table.Td>
      <Table.Td ta="right" visibleFrom="sm">
        <Text size="sm" c="dimmed">
          {value(p.previous)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {/* green.9 on white is 4.4:1, under AA for small text; teal.9 is 5:1. */}
        <Text size="sm" c={better == null ? 'dimmed' : better ? 'teal.9' : 'red.9'}>
          {p.change == null ? '—' : `${p.change > 0 ? '+' : ''}${value(p.change)}`}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
