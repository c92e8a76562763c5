import { describe, expect, it } from '@jest/globals';
import { daysBetween, installmentState, periodAnchor, latestNps, npsGroup, progressOf, searchStudents, sortStudents, type StudentRow } from './students';

const row = (over: Partial<StudentRow> & { id: string; studentName: string }): StudentRow => ({
  productId: 'p1',
  status: 'ACTIVE',
  lessonsCompleted: 0,
  lessonsTotal: 10,
  lastStudyDay: null,
  installments: { paid: 0, unpaid: 0, overdue: 0 },
  latestNps: null,
  ...over,
});

describe('students list helpers', () => {
  it('computes progress, clamped, and null without lessons', () => {
    expect(progressOf({ lessonsCompleted: 3, lessonsTotal: 10 })).toBeCloseTo(0.3);
    expect(progressOf({ lessonsCompleted: 12, lessonsTotal: 10 })).toBe(1);
    expect(progressOf({ lessonsCompleted: 0, lessonsTotal: 0 })).toBeNull();
  });

  it('takes the latest NPS answer and groups scores', () => {
    expect(latestNps({ latestNps: 4 })).toBe(4);
    expect(latestNps({})).toBeNull();
    expect([npsGroup(10), npsGroup(9), npsGroup(8), npsGroup(6)]).toEqual(['promoter', 'promoter', 'passive', 'detractor']);
  });

  it('names the installment state', () => {
    expect(installmentState({ paid: 1, unpaid: 2, overdue: 1 })).toBe('overdue');
    expect(installmentState({ paid: 1, unpaid: 2, overdue: 0 })).toBe('paying');
    expect(installmentState({ paid: 3, unpaid: 0, overdue: 0 })).toBe('paid');
    expect(installmentState({ paid: 0, unpaid: 0, overdue: 0 })).toBe('none');
  });

  it('counts days between local dates', () => {
    expect(daysBetween('2026-03-01', '2026-03-04')).toBe(3);
    expect(daysBetween('2026-03-04', '2026-03-04')).toBe(0);
  });

  it('searches names and courses without case or accents', () => {
    const rows = [row({ id: '1', studentName: 'Nguyễn Văn An' }), row({ id: '2', studentName: 'Olga', productId: 'p2' })];
    const course = (id: string) => (id === 'p2' ? 'Python Pro' : 'English');
    expect(searchStudents(rows, 'nguyen', course).map((r) => r.id)).toEqual(['1']);
    expect(searchStudents(rows, 'PYTHON', course).map((r) => r.id)).toEqual(['2']);
    expect(searchStudents(rows, '  ', course)).toHaveLength(2);
  });

  it('sorts by each column with missing values last', () => {
    const rows = [
      row({ id: 'a', studentName: 'Anna', lessonsCompleted: 5, lastStudyDay: '2026-03-01', latestNps: 9 }),
      row({ id: 'b', studentName: 'Boris', lessonsCompleted: 2, lastStudyDay: null, installments: { paid: 1, unpaid: 1, overdue: 1 } }),
      row({ id: 'c', studentName: 'Chen', lessonsCompleted: 8, lastStudyDay: '2026-03-03', latestNps: 3 }),
    ];
    expect(sortStudents(rows, 'name', 'desc').map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(sortStudents(rows, 'progress', 'asc').map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortStudents(rows, 'lastStudy', 'asc').map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(sortStudents(rows, 'lastStudy', 'desc').map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(sortStudents(rows, 'nps', 'desc').map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(sortStudents(rows, 'installments', 'asc').map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('periodAnchor', () => {
  it('steps back whole periods', () => {
    expect(periodAnchor('ISO_WEEK', 0, '2026-03-04')).toBe('2026-03-04');
    expect(periodAnchor('ISO_WEEK', 1, '2026-03-04')).toBe('2026-02-25');
    expect(periodAnchor('MONTH', 1, '2026-03-31')).toBe('2026-02-01');
    expect(periodAnchor('MONTH', 3, '2026-01-15')).toBe('2025-10-01');
    expect(periodAnchor('QUARTER', 1, '2026-02-10')).toBe('2025-11-01');
  });
});
