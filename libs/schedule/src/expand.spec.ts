import { describe, expect, it } from '@jest/globals';
import { expandSlots } from './index.js';

describe('expandSlots', () => {
  const cohort = { startDate: '2026-03-06', timeZone: 'America/New_York' };

  it('resolves, adds window ends and sorts by instant then stepId', () => {
    const slots = expandSlots(cohort, [
      { id: 'd3-post', dayOffset: 3, localTime: '19:30', windowMinutes: 60 },
      { id: 'd2-gap', dayOffset: 2, localTime: '02:30' },
      { id: 'b-same', dayOffset: 0, localTime: '19:30', windowMinutes: null },
      { id: 'a-same', dayOffset: 0, localTime: '19:30', windowMinutes: 30 },
      { id: 'warmup', dayOffset: -1, localTime: '20:00', windowMinutes: 120 },
      { id: 'd2-post', dayOffset: 2, localTime: '19:30', windowMinutes: 90 },
      { id: 'd1-post', dayOffset: 1, localTime: '19:30' },
    ]);
    expect(slots.map((s) => [s.stepId, s.utc, s.localDate, s.localTime, s.adjustment, s.windowEnd?.toISOString() ?? null])).toEqual([
      ['warmup', '2026-03-06T01:00:00.000Z', '2026-03-05', '20:00', 'NONE', '2026-03-06T03:00:00.000Z'],
      ['a-same', '2026-03-07T00:30:00.000Z', '2026-03-06', '19:30', 'NONE', '2026-03-07T01:00:00.000Z'],
      ['b-same', '2026-03-07T00:30:00.000Z', '2026-03-06', '19:30', 'NONE', null],
      ['d1-post', '2026-03-08T00:30:00.000Z', '2026-03-07', '19:30', 'NONE', null],
      ['d2-gap', '2026-03-08T07:00:00.000Z', '2026-03-08', '03:00', 'SHIFTED_FORWARD', null],
      ['d2-post', '2026-03-08T23:30:00.000Z', '2026-03-08', '19:30', 'NONE', '2026-03-09T01:00:00.000Z'],
      ['d3-post', '2026-03-09T23:30:00.000Z', '2026-03-09', '19:30', 'NONE', '2026-03-10T00:30:00.000Z'],
    ]);
    expect(slots[0]).toEqual({
      stepId: 'warmup',
      instant: new Date('2026-03-06T01:00:00.000Z'),
      utc: '2026-03-06T01:00:00.000Z',
      localDate: '2026-03-05',
      localTime: '20:00',
      offsetMinutes: -300,
      adjustment: 'NONE',
      windowMinutes: 120,
      windowEnd: new Date('2026-03-06T03:00:00.000Z'),
    });
  });

  it('returns [] for no steps', () => {
    expect(expandSlots(cohort, [])).toEqual([]);
  });

  it('names the offending step', () => {
    expect(() =>
      expandSlots(cohort, [
        { id: 'ok', dayOffset: 0, localTime: '09:00' },
        { id: 'bad', dayOffset: 1, localTime: '25:00' },
      ]),
    ).toThrow(/Step "bad": Invalid local time "25:00"/);
    expect(() => expandSlots(cohort, [{ id: 'w', dayOffset: 0, localTime: '09:00', windowMinutes: -5 }])).toThrow(/Step "w": windowMinutes/);
  });

  it('rejects an invalid cohort even without steps', () => {
    expect(() => expandSlots({ startDate: '2026-03-06', timeZone: 'Mars/Base' }, [])).toThrow(/Invalid time zone/);
    expect(() => expandSlots({ startDate: '2026-02-30', timeZone: 'UTC' }, [])).toThrow(/Invalid date/);
  });
});
