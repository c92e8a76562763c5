import type { ValueTransformer } from 'typeorm';
import { DomainError, ErrorCode } from './errors.js';

/**
 * A total that a JS number cannot hold exactly (beyond 2^53 − 1). Inputs are bounded
 * (BOUNDS.money per amount), so this takes ~90,000 orders of the maximum in one group; the
 * client gets a coded error it can act on instead of a wrong number or an INTERNAL.
 */
export const totalOutOfRange = (what: string) =>
  new DomainError(
    ErrorCode.BAD_USER_INPUT,
    `${what} is beyond 9007199254740991 and cannot be answered exactly; ask for a shorter period or a finer grouping.`,
    { reason: 'TOTAL_OUT_OF_RANGE' },
  );

/**
 * The checked conversion of a SQL sum or count (bigint / numeric arrive as strings) to a JS
 * number at the edge: exact, or the coded error above. NULL is 0.
 */
export function checkedNumber(v: unknown, what = 'A total'): number {
  if (v === null || v === undefined) return 0;
  const n = typeof v === 'number' ? v : Number(v);
  if (Number.isSafeInteger(n)) return n;
  if (Number.isFinite(n) && !Number.isInteger(n)) return n;
  if (Number.isNaN(n)) throw new Error(`not a number: ${String(v)}`);
  throw totalOutOfRange(what);
}

/**
 * PostgreSQL bigint columns arrive from node-postgres as strings; amounts of money (integer
 * minor units) and large counts stay exact as JS numbers up to 2^53, which is checked here.
 */
export const bigintMoney: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => {
    if (v === null || v === undefined) return v;
    return checkedNumber(v, 'A stored total');
  },
};
