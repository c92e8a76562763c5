import { Badge, Box, Group, NativeSelect, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SoftBadge } from './SoftBadge';
import { useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useFormat } from '../../auth/viewer';
import type {
  StandingLineFieldsFragment,
  StandingsChangedSubscription,
  StandingsChangedSubscriptionVariables,
  StandingsFieldsFragment,
} from '../../gql/graphql';
import { useRefetchOnRetry } from '../../lib/useRetry';
import { Empty, Loading, QueryError } from '../../ui/states';
import { BoardHistoryDoc, BoardListDoc, BoardPeriodsDoc, StandingsChangedDoc, StandingsDoc } from './operations';
import { Sparkline } from './Sparkline';
import { applyStandingsMessage, BAND_COLOR, boardFromColumns, changedEntities, movementOf, unrankedReasonOf, type Band } from './standings';
import { useValueFormat, type MetricUnit } from './valueFormat';
import classes from './Board.module.css';

type Entry = StandingLineFieldsFragment;
/** A whole board as held here: the header fields and its lines (the API sends them as columns; boardFromColumns). */
type Board = ReturnType<typeof boardFromColumns<StandingsFieldsFragment>>;
const LIVE = 'live';

interface LiveState {
  /** The board after the last message; null after a gap (the fetched board is shown, and is the base of the next change). */
  board: Board | null;
  /** Entities whose line the last push changed. */
  ids: Set<string>;
  at: number;
  /** Gaps seen (a change whose base revision is not the board's): each refetches the board. */
  gaps: number;
}

/** The lead's home: one board's standings with period picker, bands, sparklines and live updates. */
export function Standings() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [{ data: list, error: listError }, refetchList] = useQuery({ query: BoardListDoc });
  const boards = list?.leaderboardDefinitions ?? [];
  const boardId = boards.find((b) => b.id === params.get('board'))?.id ?? boards[0]?.id ?? null;
  const board = boards.find((b) => b.id === boardId) ?? null;
  const period = params.get('period') ?? LIVE;
  const [{ data: periods }, refetchPeriods] = useQuery({ query: BoardPeriodsDoc, variables: { definitionId: boardId ?? '' }, pause: !boardId });
  useRefetchOnRetry(() => {
    refetchList({ requestPolicy: 'network-only' });
    if (boardId) refetchPeriods({ requestPolicy: 'network-only' });
  });

  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value == null) next.delete(key);
        else next.set(key, value);
        if (key === 'board') next.delete('period');
        return next;
      },
      { replace: true },
    );

  if (listError && !list) return <QueryError error={listError} onRetry={() => refetchList({ requestPolicy: 'network-only' })} />;
  if (!list) return <Loading />;
  if (!board) return <Empty title={t('board.emptyTitle')}>{t('board.emptyText')}</Empty>;
  const metric = list.metrics.find((m) => m.key === board.current.metricKey) ?? null;
  const unit: MetricUnit = metric ? metric.unit : 'SCORE';

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('leaderboard.board')}
          value={board.id}
          onChange={(e) => set('board', e.currentTarget.value)}
          data={boards.map((b) => ({ value: b.id, label: b.name }))}
          style={{ flex: '1 1 260px', minWidth: 0 }}
          data-testid="board-select"
        />
        <NativeSelect
          label={t('leaderboard.period')}
          value={period}
          onChange={(e) => set('period', e.currentTarget.value === LIVE ? null : e.currentTarget.value)}
          data={[
            { value: LIVE, label: t('leaderboard.currentPeriod') },
            ...(periods?.leaderboardSnapshots ?? []).map((s) => ({ value: s.periodStart, label: t('leaderboard.closedPeriod', { label: s.label }) })),
          ]}
          style={{ flex: '1 1 200px', minWidth: 0 }}
          data-testid="period-select"
        />
      </Group>
      <Text size="sm" c="dimmed">
        {board.populationName ?? t('board.wholeOrganization')} · {t(`board.scope.${board.scope}`)} · {t(`periodKind.${board.periodKind}`)}
        {metric ? ` · ${metric.label}` : ''}
      </Text>
      <BoardStandings
        key={`${board.id}:${period}`}
        definitionId={board.id}
        periodKind={board.periodKind}
        periodStart={period === LIVE ? null : period}
        unit={unit}
        isRate={metric?.isRate ?? false}
        topPct={board.current.topPct}
        bottomPct={board.current.bottomPct}
      />
    </Stack>
  );
}

interface BoardStandingsProps {
  definitionId: string;
  periodKind: string;
  /** Null: the current period, live. */
  periodStart: string | null;
  unit: MetricUnit;
  isRate: boolean;
  topPct: number;
  bottomPct: number;
}

function BoardStandings({ definitionId, periodKind, periodStart, unit, isRate, topPct, bottomPct }: BoardStandingsProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const input = useMemo(
    () => ({ definitionId, ...(periodStart ? { period: { kind: periodKind as 'ISO_WEEK', start: periodStart } } : {}) }),
    [definitionId, periodKind, periodStart],
  );
  const [{ data, error, fetching }, refetch] = useQuery({ query: StandingsDoc, variables: { input } });
  const [{ data: history }] = useQuery({ query: BoardHistoryDoc, variables: { definitionId } });
  useRefetchOnRetry(() => refetch({ requestPolicy: 'network-only' }));

  // The first message is the whole board; later ones are changes applied to the board of their
  // base revision (the last pushed one, or the fetched one after a gap). A change for another
  // revision is a gap: the board is read again (`leaderboard` returns the revision pushes use).
  // The rows a push changed are flashed (CSS animation on rows whose key includes the update
  // time) and announced to screen readers.
  const fetched = useMemo(() => (data?.leaderboard ? boardFromColumns(data.leaderboard) : null), [data]);
  const fetchedRef = useRef<Board | null>(null);
  useEffect(() => {
    fetchedRef.current = fetched;
  }, [fetched]);
  const [{ data: live }] = useSubscription<StandingsChangedSubscription, LiveState, StandingsChangedSubscriptionVariables>(
    { query: StandingsChangedDoc, variables: { leaderboardId: definitionId }, pause: periodStart != null },
    (prev, res) => {
      const before = prev?.board ?? fetchedRef.current;
      const m = res.standingsChanged;
      const applied = applyStandingsMessage(before, { ...m, board: m.board ? boardFromColumns(m.board) : null });
      const gaps = prev?.gaps ?? 0;
      if (applied.kind === 'gap') return { board: null, ids: new Set<string>(), at: prev?.at ?? 0, gaps: gaps + 1 };
      if (applied.kind === 'same') return prev ?? { board: before, ids: new Set<string>(), at: 0, gaps };
      const next = applied.board;
      return { board: next, ids: before ? changedEntities(before.entries, next.entries) : new Set<string>(), at: Date.now(), gaps };
    },
  );
  const gaps = live?.gaps ?? 0;
  useEffect(() => {
    if (gaps > 0) refetch({ requestPolicy: 'network-only' });
  }, [gaps, refetch]);
  const shown = live?.board && live.board.definitionId === definitionId ? live.board : fetched;
  const flash = live ?? { ids: new Set<string>(), at: 0 };
  const announcement = live && live.ids.size > 0 ? t('leaderboard.updated', { count: live.ids.size }) : '';

  const sparks = useMemo(() => {
    const map = new Map<string, (number | null)[]>();
    for (const e of history?.leaderboardHistory.entities ?? []) map.set(e.entity.id, e.values);
    return map;
  }, [history]);
  const value = useValueFormat(unit);

  if (error && !shown) return <QueryError error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!shown || (fetching && !data)) return <Loading />;
  const b = shown;
  const hasShrunk = b.entries.some((e) => e.adjustedValue != null);
  const lowerIsBetter = b.direction === 'LOWER_IS_BETTER';
  return (
    <Stack gap="xs" data-testid="standings" data-status={b.status}>
      <Group gap="xs" wrap="wrap" justify="space-between">
        <Group gap={6} wrap="wrap">
          {b.status === 'LIVE' ? (
            <Badge color="green" variant="dot" data-testid="live-badge">
              {t('leaderboard.live', { label: b.period.label })}
            </Badge>
          ) : (
            <SoftBadge color="gray">{t('leaderboard.closed', { label: b.period.label, date: b.closedAt ? fmt.dateTime(b.closedAt) : '' })}</SoftBadge>
          )}
        </Group>
        <Group gap={6} wrap="wrap" data-testid="band-counts" aria-label={t('leaderboard.bandsLabel')}>
          {(['TOP', 'MIDDLE', 'BOTTOM', 'UNRANKED'] as const).map((band) => (
            <SoftBadge key={band} color={BAND_COLOR[band]}>
              {t(`leaderboard.band.${band}`)}: {b.bands[band.toLowerCase() as 'top' | 'middle' | 'bottom' | 'unranked']}
            </SoftBadge>
          ))}
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {t('leaderboard.bandRule', { top: topPct, middle: 100 - topPct - bottomPct, bottom: bottomPct })}
        {b.populationRate != null && hasShrunk ? ` ${t('leaderboard.shrunkRule', { rate: fmt.percent(b.populationRate, 1) })}` : ''}
      </Text>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      {b.entries.length === 0 ? (
        <Empty title={t('leaderboard.noEntriesTitle')}>{t('leaderboard.noEntriesText')}</Empty>
      ) : (
        <StandingsTable
          entries={b.entries}
          flash={flash}
          sparks={sparks}
          format={value}
          showShrunk={hasShrunk}
          showRatio={isRate}
          lowerIsBetter={lowerIsBetter}
          historyCount={history?.leaderboardHistory.periods.length ?? 0}
        />
      )}
    </Stack>
  );
}

interface TableProps {
  entries: readonly Entry[];
  flash: { ids: Set<string>; at: number };
  sparks: Map<string, (number | null)[]>;
  format: (v: number | null | undefined) => string;
  showShrunk: boolean;
  showRatio: boolean;
  lowerIsBetter: boolean;
  historyCount: number;
}

/** Virtualized rows (a 2,000-rep board renders only what is on screen). */
function StandingsTable({ entries, flash, sparks, format, showShrunk, showRatio, lowerIsBetter, historyCount }: TableProps) {
  const { t } = useTranslation();
  const compact = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const rowHeight = compact ? 80 : 52;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (i) => entries[i]!.entity.id,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const height = Math.min(entries.length * rowHeight, compact ? 560 : 640);
  return (
    <Box role="table" aria-label={t('leaderboard.tableLabel')} aria-rowcount={entries.length + 1} className={classes.table} data-compact={compact || undefined}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.head}`} data-shrunk={showShrunk || undefined}>
          <span role="columnheader" className={classes.rank}>
            {t('leaderboard.col.rank')}
          </span>
          <span role="columnheader" className={classes.name}>
            {t('leaderboard.col.name')}
          </span>
          <span role="columnheader" className={classes.band}>
            {t('leaderboard.col.band')}
          </span>
          <span role="columnheader" className={classes.move}>
            {t('leaderboard.col.movement')}
          </span>
          <span role="columnheader" className={classes.value}>
            {t('leaderboard.col.value')}
          </span>
          {showShrunk && (
            <span role="columnheader" className={classes.shrunk}>
              {t('leaderboard.col.shrunk')}
            </span>
          )}
          <span role="columnheader" className={classes.spark}>
            {t('leaderboard.col.trend', { count: historyCount })}
          </span>
        </div>
      </div>
      <div
        ref={scrollRef}
        role="rowgroup"
        className={classes.scroller}
        style={{ height }}
        tabIndex={0}
        aria-label={t('leaderboard.rowsLabel', { count: entries.length })}
        data-testid="standings-rows"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = entries[item.index]!;
            return (
              <StandingRow
                key={`${String(item.key)}:${flash.ids.has(e.entity.id) ? flash.at : 0}`}
                top={item.start}
                height={item.size}
                compact={compact}
                entry={e}
                index={item.index}
                changed={flash.ids.has(e.entity.id) ? flash.at : 0}
                spark={sparks.get(e.entity.id)}
                format={format}
                showShrunk={showShrunk}
                showRatio={showRatio}
                lowerIsBetter={lowerIsBetter}
              />
            );
          })}
        </div>
      </div>
    </Box>
  );
}

interface RowProps {
  top: number;
  height: number;
  compact: boolean;
  entry: Entry;
  index: number;
  /** When it changed (ms), 0 = not recently. */
  changed: number;
  spark: (number | null)[] | undefined;
  format: (v: number | null | undefined) => string;
  showShrunk: boolean;
  showRatio: boolean;
  lowerIsBetter: boolean;
}

const StandingRow = memo(function StandingRow({
  top,
  height,
  compact,
  entry: e,
  index,
  changed,
  spark,
  format,
  showShrunk,
  showRatio,
  lowerIsBetter,
}: RowProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const band = e.band as Band;
  const move = movementOf(e);
  const reason = unrankedReasonOf(e.unrankedReason);
  const reasonText = reason
    ? t(`leaderboard.unranked.${['BELOW_MIN_SAMPLE', 'MISSING_VALUE', 'ON_LEAVE'].includes(reason.code) ? reason.code : 'OTHER'}`) +
      (reason.detail ? ` (${reason.detail})` : '')
    : null;
  const ratio = showRatio && e.denominator != null ? `${fmt.number(e.numerator ?? 0, 0)} / ${fmt.number(e.denominator, 0)}` : null;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={classes.row}
      data-band={band}
      data-shrunk={showShrunk || undefined}
      data-changed={changed ? 'true' : undefined}
      data-changed-at={changed || undefined}
      data-testid="standing-row"
      data-entity={e.entity.id}
      data-rank={e.rank ?? ''}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height, transform: `translateY(${top}px)` }}
    >
      <span role="cell" className={classes.rank}>
        {e.rank ?? '—'}
      </span>
      <span role="cell" className={classes.name}>
        <Text size="sm" fw={600} truncate>
          {e.entity.name}
        </Text>
        {reasonText && (
          <Text size="xs" c="dimmed" truncate>
            {reasonText}
          </Text>
        )}
      </span>
      <span role="cell" className={classes.band}>
        <SoftBadge color={BAND_COLOR[band]} size="sm">
          {band === 'UNRANKED' ? t('leaderboard.notEligible') : t(`leaderboard.band.${band}`)}
        </SoftBadge>
      </span>
      <span role="cell" className={classes.move} data-move={move.kind}>
        {move.kind === 'up' && <span aria-label={t('leaderboard.moveUp', { count: move.places })}>▲ {move.places}</span>}
        {move.kind === 'down' && <span aria-label={t('leaderboard.moveDown', { count: move.places })}>▼ {move.places}</span>}
        {move.kind === 'same' && <span aria-label={t('leaderboard.moveSame')}>＝</span>}
        {move.kind === 'new' && <span>{t('leaderboard.moveNew')}</span>}
        {move.kind === 'none' && <span aria-hidden>·</span>}
      </span>
      <span role="cell" className={classes.value}>
        <Text size="sm" fw={600} component="span" className={classes.num}>
          {format(e.value)}
        </Text>
        {compact
          ? (ratio || (showShrunk && e.adjustedValue != null)) && (
              <Text size="xs" c="dimmed" component="span" className={classes.num}>
                {[ratio, showShrunk && e.adjustedValue != null ? t('leaderboard.shrunkShort', { value: format(e.adjustedValue) }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            )
          : ratio && (
              <Text size="xs" c="dimmed" component="span" className={classes.num} title={t('leaderboard.ratioTitle')}>
                {ratio}
              </Text>
            )}
      </span>
      {showShrunk && (
        <span role="cell" className={classes.shrunk}>
          {e.adjustedValue != null ? (
            <Tooltip label={t('leaderboard.shrunkHint')} withArrow>
              <Text size="sm" component="span" className={classes.num} tabIndex={-1}>
                {format(e.adjustedValue)}
              </Text>
            </Tooltip>
          ) : (
            <Text size="sm" c="dimmed" component="span">
              —
            </Text>
          )}
        </span>
      )}
      <span role="cell" className={classes.spark}>
        <Sparkline
          values={spark ?? []}
          lowerIsBetter={lowerIsBetter}
          label={t('leaderboard.trendLabel', { values: (spark ?? []).map((v) => format(v)).join(', ') || '—' })}
        />
      </span>
    </div>
  );
});
