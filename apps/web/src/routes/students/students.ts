/** Pure helpers of the students list: progress, latest NPS, search and sorting. */

export interface StudentRow {
  id: string;
  studentName: string;
  productId: string;
  status: string;
  lessonsCompleted: number;
  lessonsTotal: number;
  lastStudyDay?: string | null;
  installments: { paid: number; unpaid: number; overdue: number };
  latestNps?: number | null;
}

export type SortKey = 'name' | 'progress' | 'lastStudy' | 'nps' | 'installments';
export type SortDir = 'asc' | 'desc';

/** Share of lessons completed (0..1); null when the course has no lessons yet. */
export function progressOf(r: Pick<StudentRow, 'lessonsCompleted' | 'lessonsTotal'>): number | null {
  if (r.lessonsTotal <= 0) return null;
  return Math.min(1, Math.max(0, r.lessonsCompleted / r.lessonsTotal));
}

/** The latest NPS answer's score, or null. */
export function latestNps(r: Pick<StudentRow, 'latestNps'>): number | null {
  return r.latestNps ?? null;
}

/** NPS group of a 0–10 score. */
export function npsGroup(score: number): 'promoter' | 'passive' | 'detractor' {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** The installment state: overdue, paying (parts left, none overdue), paid (all parts), none (no installments). */
export function installmentState(i: StudentRow['installments']): 'overdue' | 'paying' | 'paid' | 'none' {
  if (i.overdue > 0) return 'overdue';
  if (i.unpaid > 0) return 'paying';
  if (i.paid > 0) return 'paid';
  return 'none';
}

/** Whole days from `day` to `today` (both YYYY-MM-DD). */
export function daysBetween(day: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
}

/** Case- and accent-insensitive search over the student's name and course. */
export function searchStudents<T extends StudentRow>(rows: T[], query: string, courseOf: (productId: string) => string): T[] {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const q = fold(query.trim());
  if (!q) return rows;
  return rows.filter((r) => fold(r.studentName).includes(q) || fold(courseOf(r.productId)).includes(q));
}

const INSTALLMENT_RANK = { overdue: 0, paying: 1, paid: 2, none: 3 } as const;

/** Sorted copy; missing values (no progress, never studied, no NPS) go last in either direction. */
export function sortStudents<T extends StudentRow>(rows: T[], key: SortKey, dir: SortDir, locale = 'en'): T[] {
  const value = (r: T): string | number | null => {
    switch (key) {
      case 'name':
        return r.studentName;
      case 'progress':
        return progressOf(r);
      case 'lastStudy':
        return r.lastStudyDay ?? null;
      case 'nps':
        return latestNps(r);
      case 'installments':
        return INSTALLMENT_RANK[installmentState(r.installments)];
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va == null && vb == null) return collator.compare(a.studentName, b.studentName);
    if (va == null) return 1;
    if (vb == null) return -1;
    const c = typeof va === 'string' && typeof vb === 'string' ? collator.compare(va, vb) : (va as number) - (vb as number);
    return c !== 0 ? sign * c : collator.compare(a.studentName, b.studentName);
  });
}

/** A local calendar day (YYYY-MM-DD) in the UI's locale, e.g. "4 Mar 2026" (no time-zone shift). */
export function formatLocalDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

export type ScorecardPeriodKind = 'ISO_WEEK' | 'MONTH' | 'QUARTER';

/**
 * A local date inside the period `back` periods before the one holding `today` (the API widens
 * any date to its period).
 */
export function periodAnchor(kind: ScorecardPeriodKind, back: number, today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const utc = (yy: number, mm: number, dd: number) => new Date(Date.UTC(yy, mm - 1, dd)).toISOString().slice(0, 10);
  if (kind === 'ISO_WEEK') return utc(y, m, d - 7 * back);
  const months = kind === 'MONTH' ? 1 : 3;
  return utc(y, m - months * back, 1);
}
