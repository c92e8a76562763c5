import { assertValidDate } from './parse.js';

/** Grace used by {@link isOnTime} for a step without a window: 24 hours (absolute) after the due instant. */
export const NO_WINDOW_ON_TIME_MINUTES = 24 * 60;

export type SlotStatus = 'PENDING' | 'DONE' | 'SKIPPED' | 'MISSED';

function assertWindow(windowMinutes: number | null | undefined): void {
  if (windowMinutes != null && (!Number.isSafeInteger(windowMinutes) || windowMinutes < 0)) {
    throw new RangeError(`windowMinutes must be a non-negative integer or null (got ${String(windowMinutes)})`);
  }
}

/** End of a step's window: `windowMinutes` absolute minutes after the due instant; null when there is no window. */
export function windowEnd(instant: Date, windowMinutes: number | null | undefined): Date | null {
  assertValidDate(instant, 'instant');
  assertWindow(windowMinutes);
  return windowMinutes == null ? null : new Date(instant.getTime() + windowMinutes * 60_000);
}

/**
 * Latest completion instant that still counts as on time: the window end, or, when the step has no window,
 * due + 24h ({@link NO_WINDOW_ON_TIME_MINUTES}; a simple absolute rule, independent of the local calendar day).
 */
export function onTimeDeadline(due: Date, windowMinutes: number | null | undefined): Date {
  return windowEnd(due, windowMinutes ?? NO_WINDOW_ON_TIME_MINUTES)!;
}

/**
 * True when the step was completed no later than {@link onTimeDeadline} (inclusive). Completing early, before `due`,
 * also counts as on time. No completion → false.
 */
export function isOnTime(due: Date, windowMinutes: number | null | undefined, completedAt: Date | null | undefined): boolean {
  const deadline = onTimeDeadline(due, windowMinutes);
  if (completedAt == null) return false;
  assertValidDate(completedAt, 'completedAt');
  return completedAt.getTime() <= deadline.getTime();
}

export interface SlotStatusInput {
  due: Date;
  windowMinutes: number | null | undefined;
  completedAt?: Date | null;
  skipped?: boolean;
  now: Date;
}

/**
 * Status of a step at `now`, in priority order:
 * DONE if completedAt is set (even if also flagged skipped, late or early); SKIPPED if skipped;
 * MISSED if the step has a window and `now` is strictly after its end; otherwise PENDING.
 * A step without a window is never MISSED (it stays PENDING until done or skipped).
 */
export function slotStatus(input: SlotStatusInput): SlotStatus {
  const end = windowEnd(input.due, input.windowMinutes);
  assertValidDate(input.now, 'now');
  if (input.completedAt != null) {
    assertValidDate(input.completedAt, 'completedAt');
    return 'DONE';
  }
  if (input.skipped) return 'SKIPPED';
  if (end !== null && input.now.getTime() > end.getTime()) return 'MISSED';
  return 'PENDING';
}
