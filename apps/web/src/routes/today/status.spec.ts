import { describe, expect, it } from '@jest/globals';
import { agendaSections, currentAndNext, itemState, type ItemTimes } from './status';

const item = (over: Partial<ItemTimes> = {}): ItemTimes => ({
  status: 'PENDING',
  dueAt: '2026-12-05T12:00:00.000Z',
  onTimeDeadline: '2026-12-05T13:00:00.000Z',
  onTime: null,
  ...over,
});

describe('itemState', () => {
  it('tells upcoming, due now and late apart for a pending item', () => {
    expect(itemState(item(), new Date('2026-12-05T11:59:59Z'))).toBe('upcoming');
    expect(itemState(item(), new Date('2026-12-05T12:00:00Z'))).toBe('dueNow');
    expect(itemState(item(), new Date('2026-12-05T13:00:00Z'))).toBe('dueNow');
    expect(itemState(item(), new Date('2026-12-05T13:00:01Z'))).toBe('late');
  });

  it('maps finished items', () => {
    const now = new Date('2026-12-05T12:30:00Z');
    expect(itemState(item({ status: 'DONE', onTime: true }), now)).toBe('doneOnTime');
    expect(itemState(item({ status: 'DONE', onTime: false }), now)).toBe('doneLate');
    expect(itemState(item({ status: 'SKIPPED' }), now)).toBe('skipped');
    expect(itemState(item({ status: 'MISSED' }), now)).toBe('missed');
    expect(itemState(item({ status: 'CANCELLED' }), now)).toBe('cancelled');
  });
});

describe('currentAndNext', () => {
  it('takes pending items by due time, ties by id', () => {
    const items = [
      { ...item({ status: 'DONE', dueAt: '2026-12-05T08:00:00.000Z' }), id: 'a' },
      { ...item({ dueAt: '2026-12-05T13:00:00.000Z' }), id: 'd' },
      { ...item({ dueAt: '2026-12-05T12:00:00.000Z' }), id: 'c' },
      { ...item({ dueAt: '2026-12-05T12:00:00.000Z' }), id: 'b' },
    ];
    const { current, next } = currentAndNext(items);
    expect(current?.id).toBe('b');
    expect(next?.id).toBe('c');
  });

  it('is empty when nothing is pending', () => {
    expect(currentAndNext([{ ...item({ status: 'SKIPPED' }), id: 'x' }])).toEqual({ current: null, next: null });
    expect(currentAndNext([])).toEqual({ current: null, next: null });
  });
});

describe('agendaSections', () => {
  const at = (id: string, localDate: string, status: ItemTimes['status']) => ({ id, localDate, status });
  it('splits by local date: late pending, all of today, upcoming pending, done or skipped', () => {
    const items = [
      at('late-pending', '2026-12-04', 'PENDING'),
      at('late-done', '2026-12-04', 'DONE'),
      at('late-missed', '2026-12-03', 'MISSED'),
      at('today-done', '2026-12-05', 'DONE'),
      at('today-cancelled', '2026-12-05', 'CANCELLED'),
      at('today-pending', '2026-12-05', 'PENDING'),
      at('next-pending', '2026-12-06', 'PENDING'),
      at('next-done-early', '2026-12-06', 'DONE'),
      at('next-skipped', '2026-12-07', 'SKIPPED'),
      at('next-cancelled', '2026-12-07', 'CANCELLED'),
    ];
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    const s = agendaSections(items, '2026-12-05');
    expect(ids(s.late)).toEqual(['late-pending']);
    expect(ids(s.todays)).toEqual(['today-done', 'today-cancelled', 'today-pending']);
    expect(ids(s.upcoming)).toEqual(['next-pending', 'next-done-early', 'next-skipped']);
  });

  it('is empty for no items', () => {
    expect(agendaSections([], '2026-12-05')).toEqual({ late: [], todays: [], upcoming: [] });
  });
});
