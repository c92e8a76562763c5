import { describe, expect, it } from '@jest/globals';
import { currentAndNext, itemState, type ItemTimes } from './status';

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
