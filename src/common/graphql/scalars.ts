import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';

function toSafeInteger(value: unknown, name: string): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) n = Number(value.trim());
  else throw new GraphQLError(`${name} must be a whole number (a JSON number or a string of digits).`);
  if (!Number.isSafeInteger(n)) throw new GraphQLError(`${name} must be a whole number between -9007199254740991 and 9007199254740991.`);
  return n;
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
    return toSafeInteger(value, 'Long');
  }
  parseLiteral(ast: ValueNode): number {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return toSafeInteger(ast.value, 'Long');
    throw new GraphQLError('Long must be a whole number.');
  }
}

/** Money in integer minor units of the organization's currency (cents, fen, kopecks). Never a float. */
@Scalar('Money')
export class MoneyScalar implements CustomScalar<number, number> {
  description = "Amount of money as a whole number of minor units (e.g. cents) of the organization's currency.";
  parseValue(value: unknown): number {
    return toSafeInteger(value, 'Money');
  }
  serialize(value: unknown): number {
    return toSafeInteger(value, 'Money');
  }
  parseLiteral(ast: ValueNode): number {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return toSafeInteger(ast.value, 'Money');
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
