import { describe, expect, it } from '@jest/globals';
import { squadDay, type SquadItem } from './squadToday';

const now = new Date('2026-12-04T10:00:00Z');
const item = (repId: string, status: SquadItem['status'], dueAt: string, deadline: string, onTime: boolean | null = null): SquadItem => ({
  repId,
  rep: { id: repId, name: `Rep ${repId}` },
  status,
  dueAt,
  onTimeDeadline: deadline,
  onTime,
});

describe('squadDay', () => {
  it('leaves cancelled items out (a rep with only cancelled items is not listed)', () => {
    const rows = squadDay(
      [
        item('a', 'CANCELLED', '2026-12-04T08:00:00Z', '2026-12-04T08:30:00Z'),
        item('a', 'DONE', '2026-12-04T09:00:00Z', '2026-12-04T09:30:00Z', true),
        item('b', 'CANCELLED', '2026-12-04T08:00:00Z', '2026-12-04T09:00:00Z'),
      ],
      now,
    );
    expect(rows).toEqual([expect.objectContaining({ repId: 'a', total: 1, finished: 1, late: 0, group: 'done' })]);
  });

  it('puts late reps first, then on track by next due time, then done', () => {
    const rows = squadDay(
      [
        item('a', 'DONE', '2026-12-04T08:00:00Z', '2026-12-04T08:30:00Z', true),
        item('a', 'SKIPPED', '2026-12-04T09:00:00Z', '2026-12-04T09:30:00Z'),
        item('b', 'PENDING', '2026-12-04T08:00:00Z', '2026-12-04T09:00:00Z'), // late
        item('b', 'PENDING', '2026-12-04T12:00:00Z', '2026-12-04T12:30:00Z'),
        item('c', 'PENDING', '2026-12-04T11:00:00Z', '2026-12-04T11:30:00Z'),
        item('d', 'PENDING', '2026-12-04T09:50:00Z', '2026-12-04T10:30:00Z'), // due now
        item('d', 'DONE', '2026-12-04T07:00:00Z', '2026-12-04T07:30:00Z', false),
        item('e', 'MISSED', '2026-12-04T06:00:00Z', '2026-12-04T06:30:00Z'),
        item('e', 'MISSED', '2026-12-04T07:00:00Z', '2026-12-04T07:30:00Z'),
      ],
      now,
    );
    expect(rows.map((r) => [r.repId, r.group])).toEqual([
      ['e', 'late'],
      ['b', 'late'],
      ['d', 'onTrack'],
      ['c', 'onTrack'],
      ['a', 'done'],
    ]);
    expect(rows[0]).toMatchObject({ total: 2, finished: 0, late: 2, nextDue: null });
    expect(rows[1]).toMatchObject({ total: 2, finished: 0, late: 1, nextDue: '2026-12-04T12:00:00Z' });
    expect(rows[2]).toMatchObject({ total: 2, finished: 1, doneLate: 1, late: 0, nextDue: '2026-12-04T09:50:00Z' });
    expect(rows[4]).toMatchObject({ total: 2, finished: 2, late: 0, nextDue: null });
  });

  it('is empty for no items', () => {
    expect(squadDay([], now)).toEqual([]);
  });
});
