import { DateTime } from 'luxon';

/**
 * Curator risk rules: which students need a curator's attention and since when. Pure functions
 * over local dates (ISO `YYYY-MM-DD` in the organization's time zone) and instants.
 */

export type RiskCode = 'NO_STUDY' | 'BEHIND_PROGRESS' | 'NPS_DETRACTOR' | 'INSTALLMENT_OVERDUE';

export interface RiskRules {
  /** A student is at risk after this many whole local days without a study day (1–90). */
  inactivityDays: number;
  /** ...or when their progress is this many percentage points behind the course's expected line (1–100). */
  progressLagPct: number;
}

export const DEFAULT_RISK_RULES: Readonly<RiskRules> = Object.freeze({ inactivityDays: 7, progressLagPct: 20 });

/** NPS scores 0–6 are detractors. */
export const NPS_DETRACTOR_MAX = 6;

export interface RiskReason {
  code: RiskCode;
  /** First local day the reason applied. */
  since: string;
  /** Plain-language detail for the curator. */
  detail: string;
}

export interface StudentFacts {
  /** Enrollment start and course end dates (local). */
  startDate: string;
  endDate: string;
  /** Newest local day with study activity, or null when the student never studied. */
  lastStudyDay: string | null;
  lessonsCompleted: number;
  lessonsTotal: number;
  /** NPS answers of the enrollment (any rounds). */
  npsAnswers: readonly { score: number; answeredAt: Date }[];
  /** Due dates (local) of the student's unpaid installments. */
  unpaidDueDates: readonly string[];
}

/** The local date of `instant` in `timeZone`. */
export function localDay(instant: Date, timeZone: string): string {
  const d = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!d.isValid) throw new RangeError(`Invalid time zone ${JSON.stringify(timeZone)}`);
  return d.toISODate()!;
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: n }).toISODate()!;
}

/** Calendar days from `a` to `b` (b − a; negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round(DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days);
}

/**
 * No study day for `inactivityDays` whole local days before `today` (today is not over, so it
 * never counts against the student): the days after the last study day (or from the start
 * date when the student never studied) up to yesterday. `since` = the first day without study.
 */
export function noStudy(facts: Pick<StudentFacts, 'startDate' | 'lastStudyDay'>, today: string, inactivityDays: number): RiskReason | null {
  if (today < facts.startDate) return null;
  const firstIdle = facts.lastStudyDay === null ? facts.startDate : addDays(facts.lastStudyDay > today ? today : facts.lastStudyDay, 1);
  const idle = daysBetween(firstIdle, today);
  if (idle < inactivityDays) return null;
  return {
    code: 'NO_STUDY',
    since: firstIdle,
    detail: facts.lastStudyDay === null ? `no study day since the start (${idle} days)` : `no study day for ${idle} days (last ${facts.lastStudyDay})`,
  };
}

/** Course length in days (at least 1). */
function courseDays(startDate: string, endDate: string): number {
  return Math.max(1, daysBetween(startDate, endDate));
}

/**
 * The expected line: on day d of a D-day course (d = today − start, clamped to [0, D]) a student
 * should have completed floor(total × d / D) lessons.
 */
export function expectedLessons(lessonsTotal: number, startDate: string, endDate: string, today: string): number {
  const D = courseDays(startDate, endDate);
  const d = Math.min(D, Math.max(0, daysBetween(startDate, today)));
  return Math.floor((lessonsTotal * d) / D);
}

/**
 * Behind the expected line by more than `lagPct` points: completed / total < d / D − lagPct / 100,
 * in integers 100·completed·D < total·(100·d − lagPct·D). `since` = start + the first day d that
 * holds for the current lesson count. Unknown lesson count (0) → never behind.
 */
export function behindProgress(
  facts: Pick<StudentFacts, 'startDate' | 'endDate' | 'lessonsCompleted' | 'lessonsTotal'>,
  today: string,
  lagPct: number,
): RiskReason | null {
  const total = facts.lessonsTotal;
  if (total <= 0) return null;
  const completed = Math.min(facts.lessonsCompleted, total);
  const D = courseDays(facts.startDate, facts.endDate);
  const d = Math.min(D, Math.max(0, daysBetween(facts.startDate, today)));
  if (!(100 * completed * D < total * (100 * d - lagPct * D))) return null;
  const firstDay = Math.floor((D * (100 * completed + lagPct * total)) / (100 * total)) + 1;
  return {
    code: 'BEHIND_PROGRESS',
    since: addDays(facts.startDate, firstDay),
    detail: `${completed} of ${total} lessons; expected ${expectedLessons(total, facts.startDate, facts.endDate, today)} by day ${d} of ${D}`,
  };
}

/**
 * The newest NPS answer (ties on the instant: the lowest score) is a detractor (0–6);
 * `since` = its local day. A newer passive or promoter answer clears the reason.
 */
export function npsDetractor(answers: StudentFacts['npsAnswers'], timeZone: string): RiskReason | null {
  let newest: { score: number; answeredAt: Date } | null = null;
  for (const a of answers) {
    const t = a.answeredAt.getTime();
    if (!newest || t > newest.answeredAt.getTime() || (t === newest.answeredAt.getTime() && a.score < newest.score)) newest = a;
  }
  if (!newest || newest.score > NPS_DETRACTOR_MAX) return null;
  return { code: 'NPS_DETRACTOR', since: localDay(newest.answeredAt, timeZone), detail: `NPS ${newest.score}` };
}

/** An unpaid installment whose due date has passed: `since` = the day after the oldest such due date. */
export function installmentOverdue(unpaidDueDates: readonly string[], today: string): RiskReason | null {
  const overdue = unpaidDueDates.filter((d) => d < today).sort();
  if (!overdue.length) return null;
  return {
    code: 'INSTALLMENT_OVERDUE',
    since: addDays(overdue[0], 1),
    detail: `${overdue.length} installment${overdue.length === 1 ? '' : 's'} overdue (due ${overdue[0]})`,
  };
}

const CODE_ORDER: RiskCode[] = ['NO_STUDY', 'BEHIND_PROGRESS', 'NPS_DETRACTOR', 'INSTALLMENT_OVERDUE'];

/** Every reason that applies at `now` (local `today` in `timeZone`), oldest first (ties by code order). */
export function evaluateRisk(facts: StudentFacts, rules: RiskRules, now: Date, timeZone: string): RiskReason[] {
  const today = localDay(now, timeZone);
  const reasons = [
    noStudy(facts, today, rules.inactivityDays),
    behindProgress(facts, today, rules.progressLagPct),
    npsDetractor(facts.npsAnswers, timeZone),
    installmentOverdue(facts.unpaidDueDates, today),
  ].filter((r): r is RiskReason => r !== null);
  return reasons.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code)));
}

/** Rule values: a course's own value, else the organization's, else the default. */
export function resolveRules(org: Partial<RiskRules> | null, course: Partial<RiskRules> | null): RiskRules {
  return {
    inactivityDays: course?.inactivityDays ?? org?.inactivityDays ?? DEFAULT_RISK_RULES.inactivityDays,
    progressLagPct: course?.progressLagPct ?? org?.progressLagPct ?? DEFAULT_RISK_RULES.progressLagPct,
  };
}

/** Problems with rule values (empty = valid): inactivity 1–90 whole days, lag 1–100 whole points. */
export function validateRules(rules: Partial<RiskRules>): { field: keyof RiskRules; message: string }[] {
  const issues: { field: keyof RiskRules; message: string }[] = [];
  const { inactivityDays: n, progressLagPct: p } = rules;
  if (n !== undefined && n !== null && (!Number.isInteger(n) || n < 1 || n > 90))
    issues.push({ field: 'inactivityDays', message: 'must be a whole number of days, 1–90' });
  if (p !== undefined && p !== null && (!Number.isInteger(p) || p < 1 || p > 100))
    issues.push({ field: 'progressLagPct', message: 'must be a whole number of percentage points, 1–100' });
  return issues;
}

/** Days after an intervention within which a study event counts the student as saved. */
export const SAVED_WINDOW_DAYS = 7;

/**
 * Saved rate: of the students with at least one intervention logged while they were at risk,
 * those with a study event in (intervention, intervention + 7 × 24 h] after any such
 * intervention. Returns the counts (rate = numerator / denominator, none when 0).
 */
export function savedRate(
  interventions: readonly { studentId: string; at: Date; atRisk: boolean }[],
  studyEvents: readonly { studentId: string; at: Date }[],
  windowDays = SAVED_WINDOW_DAYS,
): { numerator: number; denominator: number } {
  const window = windowDays * 86_400_000;
  const byStudent = new Map<string, number[]>();
  for (const e of studyEvents) {
    const list = byStudent.get(e.studentId) ?? [];
    list.push(e.at.getTime());
    byStudent.set(e.studentId, list);
  }
  const atRisk = new Set<string>();
  const saved = new Set<string>();
  for (const i of interventions) {
    if (!i.atRisk) continue;
    atRisk.add(i.studentId);
    const t = i.at.getTime();
    if ((byStudent.get(i.studentId) ?? []).some((s) => s > t && s <= t + window)) saved.add(i.studentId);
  }
  return { numerator: saved.size, denominator: atRisk.size };
}

export type ClubStatus = 'ACTIVE' | 'EXPIRING' | 'LAPSED';

/** Days before the expiry within which a membership is EXPIRING. */
export const CLUB_EXPIRING_DAYS = 30;

/**
 * A member's status at `now` from their latest membership's expiry: LAPSED when it expired
 * (`expiresAt <= now`), EXPIRING when it expires within 30 × 24 h (`expiresAt <= now + 30 days`),
 * else ACTIVE.
 */
export function clubStatus(expiresAt: Date, now: Date, expiringDays = CLUB_EXPIRING_DAYS): ClubStatus {
  const t = expiresAt.getTime();
  if (t <= now.getTime()) return 'LAPSED';
  if (t <= now.getTime() + expiringDays * 86_400_000) return 'EXPIRING';
  return 'ACTIVE';
}
