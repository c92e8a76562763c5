import { describe, expect, it } from '@jest/globals';
import { boardChange, boardHeader, boardRevision, wholeBoardMessage } from './board-revision.js';
import type { LeaderboardModel, StandingModel } from './models/rankings.models.js';

const line = (id: string, position: number | null, value: number | null, band = 'MIDDLE'): StandingModel =>
  ({
    rank: position,
    position,
    entity: { id, name: id.toUpperCase() },
    value,
    adjustedValue: null,
    numerator: value,
    denominator: null,
    band,
    percentile: null,
    previousRank: null,
    rankDelta: null,
    bottomStreak: 0,
    unrankedReason: position == null ? 'MISSING_VALUE' : null,
    components: null,
  }) as StandingModel;

const board = (entries: StandingModel[], top = 0): LeaderboardModel =>
  ({
    definitionId: 'd1',
    name: 'Board',
    version: 1,
    rulesVersion: '271-v1',
    period: { kind: 'ISO_WEEK', label: '2026-W49', startDate: '2026-11-30', endDate: '2026-12-06' },
    bands: { top, middle: entries.length - top, bottom: 0, unranked: 0 },
    entries,
  }) as unknown as LeaderboardModel;

describe('board revisions and changes', () => {
  it('the revision is a hash of the content only: equal boards, equal revisions (pinned)', () => {
    const a = board([line('a', 1, 30), line('b', 2, 20)]);
    const b = board([line('a', 1, 30), line('b', 2, 20)]);
    expect(boardRevision(a)).toBe(boardRevision(b));
    expect(boardRevision(a)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // = printf %s '<JSON of a>' | openssl dgst -sha256 -binary | basenc --base64url | cut -c1-22
    expect(boardRevision(a)).toBe('CHa97PYvTbzbWtYCItpgcE');
    expect(boardRevision(board([line('a', 1, 30), line('b', 2, 21)]))).not.toBe(boardRevision(a));
  });

  it('no change, no message', () => {
    expect(boardChange(board([line('a', 1, 30)]), board([line('a', 1, 30)]))).toBeNull();
  });

  it('a change carries the header, the changed lines and the removed ids, from the base revision', () => {
    const prev = board([line('a', 1, 30), line('b', 2, 20), line('c', 3, 10)]);
    const next = board([line('b', 1, 40, 'TOP'), line('a', 2, 30), line('d', null, null, 'UNRANKED')], 1);
    const change = boardChange(prev, next)!;
    expect(change.revision).toBe(boardRevision(next));
    expect(change.baseRevision).toBe(boardRevision(prev));
    expect(change.board).toBeNull();
    expect(change.header).toEqual(boardHeader(next));
    expect(change.header).not.toHaveProperty('entries');
    expect(change.header!.bands).toEqual({ top: 1, middle: 2, bottom: 0, unranked: 0 });
    expect(change.changed.map((l) => [l.entity.id, l.position, l.value, l.band])).toEqual([
      ['b', 1, 40, 'TOP'],
      ['a', 2, 30, 'MIDDLE'],
      ['d', null, null, 'UNRANKED'],
    ]);
    expect(change.removed).toEqual(['c']);
  });

  it('a header-only change (e.g. the period rolled over with the same lines) is a message with no line', () => {
    const prev = board([line('a', 1, 30)]);
    const next = { ...board([line('a', 1, 30)]), period: { ...prev.period, label: '2026-W50' } } as LeaderboardModel;
    const change = boardChange(prev, next)!;
    expect(change.changed).toEqual([]);
    expect(change.removed).toEqual([]);
    expect(change.header!.period.label).toBe('2026-W50');
  });

  it('the whole-board message', () => {
    const b = board([line('a', 1, 30)]);
    expect(wholeBoardMessage(b)).toEqual({ revision: boardRevision(b), baseRevision: null, board: b, header: null, changed: [], removed: [] });
  });
});
