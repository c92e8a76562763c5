import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/errors.js';
import { AgendaDetails, checkDetails, currentItemIds, detailedItemIds, MAX_DETAILS_FOR } from './agenda-details.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (h: number) => new Date(Date.UTC(2026, 11, 6, h));
const items = [
  { id: id(5), status: 'DONE', dueAt: at(8) },
  { id: id(4), status: 'PENDING', dueAt: at(10) },
  { id: id(3), status: 'MISSED', dueAt: at(9) },
  { id: id(2), status: 'PENDING', dueAt: at(10) },
  { id: id(1), status: 'PENDING', dueAt: at(11) },
  { id: id(6), status: 'CANCELLED', dueAt: at(7) },
];

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('agenda sheet details', () => {
  it('current items: the first two PENDING by due time, then id', () => {
    expect(currentItemIds(items)).toEqual([id(2), id(4)]);
    expect(currentItemIds(items.filter((i) => i.id !== id(2)))).toEqual([id(4), id(1)]);
    expect(currentItemIds(items.filter((i) => i.status !== 'PENDING'))).toEqual([]);
  });

  it('ALL: every item; CURRENT: the current ones and detailsFor; NONE: detailsFor only', () => {
    expect(detailedItemIds(items, AgendaDetails.ALL, null)).toBeNull();
    expect([...detailedItemIds(items, AgendaDetails.CURRENT, null)!]).toEqual([id(2), id(4)]);
    expect([...detailedItemIds(items, AgendaDetails.CURRENT, [id(5), id(2)])!].sort()).toEqual([id(2), id(4), id(5)]);
    expect([...detailedItemIds(items, AgendaDetails.NONE, [id(6)])!]).toEqual([id(6)]);
    expect(detailedItemIds(items, AgendaDetails.NONE, null)!.size).toBe(0);
  });

  it('ignores ids that are not items of the answer, whatever their case', () => {
    expect([...detailedItemIds(items, AgendaDetails.NONE, [id(99), id(1).toUpperCase()])!]).toEqual([id(1)]);
  });

  it('rejects detailsFor with ALL, too many ids and non-ids', () => {
    expect(code(() => checkDetails(AgendaDetails.ALL, [id(1)]))).toBe('BAD_USER_INPUT');
    expect(
      code(() =>
        checkDetails(
          AgendaDetails.NONE,
          Array.from({ length: MAX_DETAILS_FOR + 1 }, (_, n) => id(n)),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(() => checkDetails(AgendaDetails.NONE, ['x']))).toBe('BAD_USER_INPUT');
    expect(
      code(() =>
        checkDetails(
          AgendaDetails.NONE,
          Array.from({ length: MAX_DETAILS_FOR }, (_, n) => id(n)),
        ),
      ),
    ).toBeNull();
    expect(code(() => checkDetails(AgendaDetails.ALL, null))).toBeNull();
  });
});
