import { DateTime } from 'luxon';
import { localDateProblem } from '../common/bounds.js';
import { badInput, type FieldError } from '../common/errors.js';

/** Longest range a revenue report accepts (two years and a day, as for metric values). */
export const MAX_REPORT_DAYS = 731;

/**
 * Checks a `[from, to)` range of local dates (YYYY-MM-DD) and returns it as instants in the
 * organization's time zone. Every problem is reported at once (BAD_USER_INPUT), before any
 * statement runs: malformed or non-existent dates, `to` not after `from`, a range longer than
 * `maxDays`.
 */
export function checkLocalRange(
  timeZone: string,
  input: { from: string; to: string },
  fields: { from: string; to: string },
  maxDays = MAX_REPORT_DAYS,
): { from: DateTime; to: DateTime } {
  const problems: FieldError[] = [];
  const fromProblem = localDateProblem(input.from);
  const toProblem = localDateProblem(input.to);
  if (fromProblem) problems.push({ field: fields.from, message: fromProblem });
  if (toProblem) problems.push({ field: fields.to, message: toProblem });
  if (problems.length) throw badInput(problems);
  const from = DateTime.fromISO(input.from, { zone: timeZone });
  const to = DateTime.fromISO(input.to, { zone: timeZone });
  if (to <= from) throw badInput([{ field: fields.to, message: 'must be after from' }]);
  const days = DateTime.fromISO(input.to, { zone: 'UTC' }).diff(DateTime.fromISO(input.from, { zone: 'UTC' }), 'days').days;
  if (days > maxDays) throw badInput([{ field: fields.to, message: `the range is ${days} days; at most ${maxDays}` }]);
  return { from, to };
}
