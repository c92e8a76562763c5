import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL bigint columns arrive from node-postgres as strings; amounts of money (integer
 * minor units) and large counts stay exact as JS numbers up to 2^53, which is checked here.
 */
export const bigintMoney: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => {
    if (v === null || v === undefined) return v;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`bigint value ${v} exceeds the safe integer range`);
    return n;
  },
};
