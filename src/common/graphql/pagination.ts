import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { Type } from '@nestjs/common';
import { badInput } from '../errors.js';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 200.' })
  @IsInt()
  @Min(1)
  @Max(200)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** Relay-style connection type for a node type: `XConnection { edges { cursor node } nodes pageInfo }`. */
export function ConnectionType<T>(node: Type<T>, name?: string): Type<Connection<T>> {
  const typeName = name ?? `${node.name.replace(/Model$/, '')}Connection`;

  @ObjectType(`${typeName}Edge`)
  class EdgeType {
    @Field()
    cursor: string;
    @Field(() => node)
    node: T;
  }

  @ObjectType(typeName, { isAbstract: false })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: Edge<T>[];
    @Field(() => [node])
    nodes: T[];
    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionClass as Type<Connection<T>>;
}

/** Opaque cursor over a keyset `(sortValue, id)`. */
export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number | null)[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === arity && parsed.every((v) => v === null || ['string', 'number'].includes(typeof v))) {
      return parsed as (string | number | null)[];
    }
  } catch {
    // fall through
  }
  throw badInput([{ field: 'after', message: 'is not a cursor returned by this list' }]);
}

/** Builds a connection from `first + 1` fetched rows. */
export function toConnection<R, T>(rows: R[], first: number, cursorOf: (row: R) => (string | number | null)[], map: (row: R) => T): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((r) => ({ cursor: encodeCursor(cursorOf(r)), node: map(r) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}
