import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { totalOutOfRange } from '../money.js';
import { BOUNDS, MAX_MONEY, instantProblem } from '../bounds.js';

/** A value a scalar cannot accept: graphql-js prefixes the variable and path; the client gets BAD_USER_INPUT. */
const inputError = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

function toSafeInteger(value: unknown, name: string): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) n = Number(value.trim());
  else throw new GraphQLError(`${name} must be a whole number (a JSON number or a string of digits).`);
  if (!Number.isSafeInteger(n)) throw new GraphQLError(`${name} must be a whole number between -9007199254740991 and 9007199254740991.`);
  return n;
}

/** An input amount of money: a whole number of minor units, at most BOUNDS.money in absolute value. */
function toMoneyInput(value: unknown): number {
  const n = toSafeInteger(value, 'Money');
  if (Math.abs(n) > MAX_MONEY) throw inputError(`Money must be at most ${MAX_MONEY} minor units.`);
  return n;
}

/**
 * A computed number (a sum, a count) on its way out. Past 2^53 a JS number is no longer exact, so
 * such a total is refused with a coded error the client can act on (a shorter period, a finer
 * grouping) instead of a wrong number or an INTERNAL.
 */
export function toSafeOutput(value: unknown, what: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' || typeof value === 'string' ? Number(value) : NaN;
  if (Number.isSafeInteger(n)) return n;
  if ((typeof value === 'string' && /^-?\d+$/.test(value.trim())) || typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) {
    throw totalOutOfRange(what);
  }
  throw new GraphQLError(`${what} cannot represent ${String(value)}.`);
}

/**
 * 53-bit integer for counts that can exceed GraphQL's 32-bit Int. Serialized as a JSON number
 * (always a safe integer); accepted as a number or a string of digits. PostgreSQL bigint
 * values arrive from the driver as strings and are converted here.
 */
@Scalar('Long')
export class LongScalar implements CustomScalar<number, number> {
  description = 'Whole number up to ±9,007,199,254,740,991 (counts and sums beyond 32 bits).';
  parseValue(value: unknown): number {
    return toSafeInteger(value, 'Long');
  }
  serialize(value: unknown): number {
    return toSafeOutput(value, 'A count or sum');
  }
  parseLiteral(ast: ValueNode): number {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return toSafeInteger(ast.value, 'Long');
    throw new GraphQLError('Long must be a whole number.');
  }
}

/** Money in integer minor units of the organization's currency (cents, fen, kopecks). Never a float. */
@Scalar('Money')
export class MoneyScalar implements CustomScalar<number, number> {
  description = `Amount of money as a whole number of minor units (e.g. cents) of the organization's currency; inputs at most ${MAX_MONEY}.`;
  parseValue(value: unknown): number {
    return toMoneyInput(value);
  }
  serialize(value: unknown): number {
    return toSafeOutput(value, 'An amount of money');
  }
  parseLiteral(ast: ValueNode): number {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return toMoneyInput(ast.value);
    throw new GraphQLError('Money must be a whole number of minor units.');
  }
}

/** Marker classes usable in @Field(() => Long). */
export const Long = LongScalar;
export const Money = MoneyScalar;

function toNumberList(value: unknown): (number | null)[] {
  if (!Array.isArray(value)) throw new GraphQLError('NumberList must be an array of numbers or nulls.');
  // By index, not for…of: the array iterator boxes every element of a double array into a new
  // HeapNumber (36,000 of them for a 2,000-member answer of six metrics, ~1.6 MB of garbage).
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) throw new GraphQLError('NumberList must contain only finite numbers or nulls.');
  }
  return value as (number | null)[];
}

/**
 * A whole array of numbers (or nulls) as one scalar: bulk series (thousands of values) serialize
 * in one step instead of one GraphQL completion per item. Integer series (counts, money in minor
 * units) hold exact integers up to 2^53.
 */
@Scalar('NumberList')
export class NumberListScalar implements CustomScalar<(number | null)[], (number | null)[]> {
  description = 'An array of numbers or nulls, transferred as one value (used for bulk metric series).';
  parseValue(value: unknown): (number | null)[] {
    return toNumberList(value);
  }
  serialize(value: unknown): (number | null)[] {
    return toNumberList(value);
  }
  parseLiteral(ast: ValueNode): (number | null)[] {
    if (ast.kind !== Kind.LIST) throw new GraphQLError('NumberList must be a list.');
    return toNumberList(ast.values.map((v) => (v.kind === Kind.NULL ? null : v.kind === Kind.INT || v.kind === Kind.FLOAT ? Number(v.value) : NaN)));
  }
}

export const NumberList = NumberListScalar;

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A strict ISO 8601 instant: `2026-03-01T09:30:00Z`, `2026-03-01T09:30+08:00` or a bare date
 * (`2026-03-01`, midnight UTC). A day or time that does not exist (`2026-02-30`, `25:00`) is a
 * coercion error (BAD_USER_INPUT), never silently rolled over; a value without an offset is UTC.
 * Years outside BOUNDS.minYear..BOUNDS.maxYear are rejected too.
 */
export function parseDateTime(value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const m = typeof value === 'string' ? ISO_DATE_TIME.exec(value.trim()) : null;
  if (!m) throw new GraphQLError('DateTime must be an ISO 8601 date-time such as 2026-03-01T09:30:00Z.');
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', offset = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new GraphQLError(`DateTime ${JSON.stringify(value)} is not a real date and time.`);
  }
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms);
  if (year < 100) t = new Date(t).setUTCFullYear(year);
  if (offset !== 'Z' && offset !== 'z') {
    const sign = offset[0] === '-' ? -1 : 1;
    const [oh, om] = offset.slice(1).split(':').map(Number);
    if (oh > 23 || om > 59) throw new GraphQLError(`DateTime ${JSON.stringify(value)} has an invalid offset.`);
    t -= sign * (oh * 60 + om) * 60_000;
  }
  const date = new Date(t);
  // Input bounds (issue 14): a payment dated 0001 or an answer dated 9999 is a mistake.
  const problem = instantProblem(date);
  if (problem) throw new GraphQLError(`DateTime ${JSON.stringify(value)} ${problem}.`);
  return date;
}

/** Replaces Nest's DateTime (which turned any string into a Date, invalid or rolled over). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: `A date-time string, such as 2019-12-03T09:54:33Z (answered at UTC), in the years ${BOUNDS.minYear}..${BOUNDS.maxYear}.`,
  parseValue: parseDateTime,
  serialize(value: unknown): string {
    const d = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
    if (!d || Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot serialize an invalid date.');
    return d.toISOString();
  },
  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string such as 2026-03-01T09:30:00Z.');
    return parseDateTime(ast.value);
  },
});
