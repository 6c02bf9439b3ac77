import { Args, Context, ID, Info, Query, Resolver } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { type GraphQLFieldResolver, type GraphQLResolveInfo, getNamedType } from 'graphql';
import { DataSource } from 'typeorm';
import { Public } from '../../common/decorators/access.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Database } from '../../database/database.service';
import type { GraphQLContext } from '../../graphql/context';
import { asNodeOf, Node, NODE_TYPES, type NodeTypeName } from '../../graphql/node';

/** At most this many ids in one `nodes` call. */
export const MAX_NODES = 100;

/** Refusals of a type's own query that `node` answers as null: nothing to see, nothing told. */
const UNSEEN = new Set<string>([
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
  ErrorCode.UNAUTHENTICATED,
]);

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * `node(id:)` and `nodes(ids:)`: which Node type an id is of (one statement over the types'
 * tables, by primary key), then the type's own root query (`shift(id:)`, `organisation(id:)`, …)
 * with the same arguments, guard and rules. What that query refuses (not found, not allowed) is
 * null here, whatever the reason, so `node` tells no more than the type's query would.
 */
@Resolver(() => Node)
export class NodesResolver {
  private lookupSql: { one: string; many: string } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly database: Database,
  ) {}

  @Query(() => Node, {
    nullable: true,
    description:
      'The object with this id, when it is of a type that implements Node and you may see it (as ' +
      'its own query would show it to you); null otherwise. Public.',
  })
  @Public()
  async node(
    @Args('id', { type: () => ID, description: 'The id of any Node.' }) id: string,
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Node | null> {
    const [type] = await this.typesOf([id]);
    return type ? this.answer(type, id, context, info) : null;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description:
      `The objects with these ids, in their order (at most ${MAX_NODES}): each as \`node\` would ` +
      'answer it, null where it would be null. Public.',
  })
  @Public()
  async nodes(
    @Args('ids', { type: () => [ID], description: `At most ${MAX_NODES} ids of any Node.` })
    ids: string[],
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES) {
      throw DomainError.badInput(`At most ${MAX_NODES} ids at once`, {
        ids: [`at most ${MAX_NODES}`],
      });
    }
    const types = await this.typesOf(ids);
    return Promise.all(
      ids.map((id, index) => {
        const type = types[index];
        return type ? this.answer(type, id, context, info) : Promise.resolve(null);
      }),
    );
  }

  /** The Node type of each id (null for none), by one statement over every Node type's table. */
  private async typesOf(ids: readonly string[]): Promise<(NodeTypeName | null)[]> {
    const wellFormed = [...new Set(ids.filter((id) => isUUID(id)))];
    if (wellFormed.length === 0) return ids.map(() => null);
    const sql = this.lookup();
    const rows = await this.dataSource.query<{ type: NodeTypeName; id: string }[]>(
      wellFormed.length === 1 ? sql.one : sql.many,
      this.database.dialect === 'postgres'
        ? [wellFormed.length === 1 ? wellFormed[0] : wellFormed]
        : NODE_TYPES.map(() =>
            wellFormed.length === 1 ? wellFormed[0] : JSON.stringify(wellFormed),
          ),
    );
    const found = new Map(rows.map((row) => [row.id, row.type]));
    return ids.map((id) => found.get(id) ?? null);
  }

  private lookup(): { one: string; many: string } {
    if (this.lookupSql) return this.lookupSql;
    const postgres = this.database.dialect === 'postgres';
    const statement = (condition: (column: string) => string) =>
      NODE_TYPES.map((type) => {
        const metadata = this.dataSource.entityMetadatas.find((entity) => entity.name === type);
        if (!metadata) throw new Error(`The Node type ${type} is no entity`);
        const column = `"${metadata.tableName}"."id"`;
        return `SELECT '${type}' AS "type", ${column} AS "id" FROM "${metadata.tableName}" WHERE ${condition(column)}`;
      }).join(' UNION ALL ');
    this.lookupSql = {
      one: statement((column) => `${column} = ${postgres ? '$1' : '?'}`),
      many: statement((column) =>
        postgres ? `${column} = ANY($1::uuid[])` : `${column} IN (SELECT value FROM json_each(?))`,
      ),
    };
    return this.lookupSql;
  }

  /** The object through the type's own root query, or null where that query refuses it. */
  private async answer(
    type: NodeTypeName,
    id: string,
    context: GraphQLContext,
    info: GraphQLResolveInfo,
  ): Promise<Node | null> {
    const field = info.schema.getQueryType()?.getFields()[lowerFirst(type)];
    if (!field?.resolve || getNamedType(field.type).name !== type) {
      throw new Error(`The Node type ${type} has no root query ${lowerFirst(type)}(id:)`);
    }
    const resolve = field.resolve as GraphQLFieldResolver<unknown, GraphQLContext>;
    // Nest's wrapper hands a refusal back as the value (graphql-js reports a returned Error as
    // the field's error); it may throw too.
    const value = await Promise.resolve(resolve(undefined, { id }, context, info)).catch(
      (error: unknown) => error,
    );
    if (value instanceof DomainError && UNSEEN.has(value.code)) return null;
    if (value instanceof Error) throw value;
    return value ? asNodeOf(type, value as Node) : null;
  }
}
