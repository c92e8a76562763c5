export { BoundedMemo } from './memo.js';
export { isValidTimeZone } from './time-zone.js';
export { formatLocalTime, isValidIsoDate, isValidLocalTime, parseIsoDate, parseLocalTime, type IsoDateParts, type LocalTime } from './parse.js';
export {
  campDayDate,
  localDateOf,
  localDayNumber,
  resolveLocalDateTime,
  resolveSlot,
  type CohortCalendar,
  type ResolvedLocalDateTime,
  type ResolvedSlot,
  type SlotAdjustment,
  type SlotInput,
} from './resolve.js';
export { NO_WINDOW_ON_TIME_MINUTES, isOnTime, onTimeDeadline, slotStatus, windowEnd, type SlotStatus, type SlotStatusInput } from './status.js';
export { expandSlots, type ExpandedSlot, type ScheduleStep } from './expand.js';
export {
  PERIOD_KINDS,
  alignedPeriodKind,
  commonAlignedPeriodKind,
  calendarPeriod,
  nextPeriod,
  periodBounds,
  periodContaining,
  previousPeriod,
  startOfLocalDay,
  type CalendarPeriod,
  type PeriodBounds,
  type PeriodKind,
} from './periods.js';
export { monthIndexOf, monthIndexOfDate, monthLabel, monthStart, monthsOfRange, monthsSince } from './months.js';
