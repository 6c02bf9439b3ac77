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
    description:
      `How many items to return from the start (after \`after\`): 1 to ${MAX_PAGE_SIZE}; ` +
      `${DEFAULT_PAGE_SIZE} when neither first nor last is given. Not with last.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (`pageInfo.endCursor` of the page before).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many items to return from the end (before \`before\`): 1 to ${MAX_PAGE_SIZE}. Not with first.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items before this cursor (`pageInfo.startCursor` of the page after).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  before?: string | null;
}

@ObjectType({
  description: 'Where a page starts and ends, and whether pages come before and after it.',
})
export class PageInfo {
  @Field({
    description:
      'True when another page follows this one. Paging backwards (`last`), true when `before` was given.',
  })
  hasNextPage: boolean;

  @Field({
    description:
      'True when a page comes before this one. Paging forwards (`first`), true when `after` was given.',
  })
  hasPreviousPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first item of this page; pass it as `before` for the page before.',
  })
  startCursor: string | null;

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

export function decodeCursor(
  cursor: string,
  argument: 'after' | 'before' = 'after',
): { value: SortValue; id: string } {
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
    throw DomainError.badInput('Invalid cursor', {
      [argument]: ['is not a cursor from this list'],
    });
  }
}

/**
 * Runs one page of a keyset-paginated query, as the GraphQL Cursor Connections Specification
 * asks: the items after `after` and before `before`, then the first `first` of them or the last
 * `last` (DEFAULT_PAGE_SIZE from the start when neither is given; both together are refused).
 * `query` holds the filters (and access restrictions); this adds the cursor conditions, the order
 * (reversed to take the last items, then turned back) and the limit. Its root alias must have an
 * `id` column.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  order: SortOrder<T>,
): Promise<ConnectionShape<T>> {
  if (args.first != null && args.last != null) {
    throw DomainError.badInput('Give first or last, not both', {
      last: ['page forwards with first and after, or backwards with last and before'],
    });
  }
  const backwards = args.last != null;
  const size = (backwards ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const alias = query.alias;
  const countQuery = query.clone();
  const page = query.clone();
  const reverse = order.direction === 'ASC' ? 'DESC' : 'ASC';
  const beyond = (cursor: string, argument: 'after' | 'before', index: number) => {
    const { value, id } = decodeCursor(cursor, argument);
    const comparison = (order.direction === 'ASC') === (argument === 'after') ? '>' : '<';
    const [v, i] = [`cursorValue${index}`, `cursorId${index}`];
    page.andWhere(
      `(${order.column} ${comparison} :${v} OR (${order.column} = :${v} AND ${alias}.id ${comparison} :${i}))`,
      { [v]: value, [i]: id },
    );
  };
  if (args.after) beyond(args.after, 'after', 0);
  if (args.before) beyond(args.before, 'before', 1);
  const direction = backwards ? reverse : order.direction;
  const rows = await page
    .orderBy(order.column, direction)
    .addOrderBy(`${alias}.id`, direction)
    .take(size + 1)
    .getMany();
  const more = rows.length > size;
  const nodes = rows.slice(0, size);
  if (backwards) nodes.reverse();
  const edges = nodes.map((node) => ({ cursor: encodeCursor(order.valueOf(node), node.id), node }));
  return {
    edges,
    pageInfo: {
      // The other direction's flag, as the specification allows, says whether a cursor was given
      // on that side (the item it names comes before or after this page).
      hasNextPage: backwards ? Boolean(args.before) : more,
      hasPreviousPage: backwards ? more : Boolean(args.after),
      startCursor: edges.length > 0 ? edges[0].cursor : null,
      endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null,
    },
    totalCount: lazy(() => countQuery.getCount()),
  };
}
