import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return: 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field({ nullable: true, description: 'Return items after this cursor (`pageInfo.endCursor`).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType({ description: 'Where a page ends and whether more follow.' })
export class PageInfo {
  @Field({ description: 'True when another page follows this one.' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of this page; pass it as `after` for the next page.',
  })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** Counted only when the client selects it (see `lazy`). */
  totalCount: number | PromiseLike<number>;
}

/**
 * A promise that does its work only when someone awaits it. GraphQL awaits a field's value only
 * when the field is selected, so an unselected `totalCount` costs no COUNT query.
 */
export function lazy<T>(work: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | undefined;
  return {
    then(onFulfilled, onRejected) {
      started ??= work();
      return started.then(onFulfilled, onRejected);
    },
  };
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type (Relay connection spec). */
export function Connection<T>(nodeType: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page, in order.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items match, across all pages.' })
    totalCount: number | PromiseLike<number>;
  }
  return ConnectionType;
}

type SortValue = string | number | Date;

/**
 * The order of a connection: one column plus the id as tie-breaker, so cursors are keyset cursors
 * (stable while rows are added, no OFFSET scans).
 */
export interface SortOrder<T> {
  /** SQL expression of the sort column, with the query builder's alias, e.g. `organisation.name`. */
  readonly column: string;
  readonly direction: 'ASC' | 'DESC';
  readonly valueOf: (node: T) => SortValue;
}

export function encodeCursor(value: SortValue, id: string): string {
  const payload = value instanceof Date ? { d: value.toISOString(), id } : { v: value, id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(cursor: string): { value: SortValue; id: string } {
  try {
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      d?: string;
      v?: string | number;
      id?: string;
    };
    if (typeof payload.id !== 'string') throw new Error('no id');
    if (typeof payload.d === 'string') {
      const date = new Date(payload.d);
      if (Number.isNaN(date.getTime())) throw new Error('bad date');
      return { value: date, id: payload.id };
    }
    if (typeof payload.v === 'string' || typeof payload.v === 'number') {
      return { value: payload.v, id: payload.id };
    }
    throw new Error('no value');
  } catch {
    throw DomainError.badInput('Invalid cursor', { after: ['is not a cursor from this list'] });
  }
}

/**
 * Runs one page of a keyset-paginated query. `query` holds the filters (and access restrictions);
 * this adds the order, the cursor condition and the limit. Its root alias must have an `id` column.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  order: SortOrder<T>,
): Promise<ConnectionShape<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const alias = query.alias;
  const countQuery = query.clone();
  const page = query.clone();
  if (args.after) {
    const cursor = decodeCursor(args.after);
    const comparison = order.direction === 'ASC' ? '>' : '<';
    page.andWhere(
      `(${order.column} ${comparison} :cursorValue OR (${order.column} = :cursorValue AND ${alias}.id ${comparison} :cursorId))`,
      { cursorValue: cursor.value, cursorId: cursor.id },
    );
  }
  const rows = await page
    .orderBy(order.column, order.direction)
    .addOrderBy(`${alias}.id`, order.direction)
    .take(first + 1)
    .getMany();
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(order.valueOf(node), node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null,
    },
    totalCount: lazy(() => countQuery.getCount()),
  };
}
