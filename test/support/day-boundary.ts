import { beforeAll } from '@jest/globals';

/**
 * Suites record facts "now" and read them back from today's, this week's or this month's board of
 * organizations in Asia/Shanghai (UTC+8, no DST; test/support/fixtures.ts). A file that runs
 * across their midnight (16:00 UTC; a new ISO week on Sundays, a new month on the last day) reads
 * a new, empty period and fails. So a file that starts within {@link GUARD_MS} of that midnight
 * waits until it has passed: a few minutes lost on a rare run instead of a false failure.
 */
const GUARD_MS = 4 * 60_000;
const SETTLE_MS = 2_000;

/** Milliseconds from `now` to the next 16:00 UTC (Asia/Shanghai midnight). */
export function msToShanghaiMidnight(now: number): number {
  const d = new Date(now);
  let next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 16);
  if (next <= now) next += 86_400_000;
  return next - now;
}

beforeAll(
  async () => {
    const left = msToShanghaiMidnight(Date.now());
    if (left > GUARD_MS) return;
    console.log(`day-boundary: waiting ${Math.ceil((left + SETTLE_MS) / 1000)} s for midnight in Asia/Shanghai to pass`);
    await new Promise((resolve) => setTimeout(resolve, left + SETTLE_MS));
  },
  GUARD_MS + SETTLE_MS + 10_000,
);
