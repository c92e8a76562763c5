import { calendarDate } from './parse.js';
import { resolveSlot, type CohortCalendar, type ResolvedSlot } from './resolve.js';
import { windowEnd } from './status.js';
import { ianaZone } from './time-zone.js';

export interface ScheduleStep {
  id: string;
  dayOffset: number;
  localTime: string;
  windowMinutes?: number | null;
}

export interface ExpandedSlot extends ResolvedSlot {
  stepId: string;
  /** The step's window (null when none). */
  windowMinutes: number | null;
  /** Due instant + windowMinutes, null when the step has no window. */
  windowEnd: Date | null;
}

/**
 * Resolves every step of a playbook for a cohort (see resolveSlot for the DST rules) and sorts the result by instant,
 * then by stepId (plain code-unit comparison, locale independent). Throws on the first invalid step, naming it.
 */
export function expandSlots(cohort: CohortCalendar, steps: readonly ScheduleStep[]): ExpandedSlot[] {
  ianaZone(cohort.timeZone);
  calendarDate(cohort.startDate);
  const slots = steps.map((step): ExpandedSlot => {
    try {
      const slot = resolveSlot({ startDate: cohort.startDate, timeZone: cohort.timeZone, dayOffset: step.dayOffset, localTime: step.localTime });
      const windowMinutes = step.windowMinutes ?? null;
      return { stepId: step.id, ...slot, windowMinutes, windowEnd: windowEnd(slot.instant, windowMinutes) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new RangeError(`Step ${JSON.stringify(step.id)}: ${message}`, { cause: error });
    }
  });
  return slots.sort((a, b) => a.instant.getTime() - b.instant.getTime() || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0));
}
