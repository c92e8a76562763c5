import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { DateTime } from 'luxon';
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
  for (const v of value) {
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

const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE_TIME_MESSAGE = 'DateTime must be an ISO 8601 date and time with an offset, e.g. 2026-11-21T08:00:00Z';

/**
 * Parses an RFC 3339 date-time. Unlike `new Date(text)`, a day or time that does not exist
 * (2026-02-30, 24:61) is rejected instead of rolling over, and so is a bare date; the instant
 * must lie in the years BOUNDS.minYear..BOUNDS.maxYear.
 */
export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || value.length > 40) throw inputError(DATE_TIME_MESSAGE);
  const m = DATE_TIME_PATTERN.exec(value);
  if (!m) throw inputError(DATE_TIME_MESSAGE);
  const [, y, mo, d, h, mi, s] = m;
  const local = DateTime.fromObject({ year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: s === undefined ? 0 : +s }, { zone: 'UTC' });
  if (!local.isValid) throw inputError(`DateTime ${value} is not a real date and time.`);
  const date = new Date(value.replace(/t/, 'T').replace(/z$/, 'Z'));
  const problem = instantProblem(date);
  if (problem) throw inputError(`DateTime ${problem}.`);
  return date;
}

/** ISO 8601 instants (replaces the default DateTime scalar for every `Date` field). */
@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = `A date and time with an offset (RFC 3339), e.g. 2026-11-21T08:00:00Z, in the years ${BOUNDS.minYear}..${BOUNDS.maxYear}; answered in UTC.`;
  parseValue(value: unknown): Date {
    return parseDateTime(value);
  }
  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' || typeof value === 'number') return new Date(value).toISOString();
    throw new GraphQLError('DateTime cannot represent this value.');
  }
  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw inputError(DATE_TIME_MESSAGE);
    return parseDateTime(ast.value);
  }
}
