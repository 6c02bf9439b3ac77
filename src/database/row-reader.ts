import type { DataSource, EntityMetadata, ObjectLiteral, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** `from <= column < to`: a half-open range of one column. */
export class HalfOpenRange {
  constructor(
    readonly from: unknown,
    readonly to: unknown,
  ) {}
}

/**
 * Conditions on columns: `column = value`, `column IN values` for an array, `from <= column < to`
 * for a HalfOpenRange.
 */
export type RowCondition = Readonly<Record<string, unknown>>;

/** Column types whose raw value is already what the entity holds (text, numbers, ids). */
const AS_READ = new Set<unknown>([
  'varchar',
  'character varying',
  'text',
  'integer',
  'int',
  'uuid',
]);

/** SQLite's text form of an instant as TypeORM writes it: `YYYY-MM-DD HH:MM:SS[.SSS]`, UTC. */
const SQLITE_INSTANT = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})?$/;

type Converter = (value: unknown) => unknown;

/**
 * Reads whole entities of one table with fixed SQL, for the lists that every answer repeats
 * (relation loaders, a page's rows). TypeORM's `find` builds its SQL text anew on each call and
 * hydrates through its generic result transformer; here the statement text is built once per
 * shape, a list of keys is one parameter (`json_each(?)` on SQLite, `= ANY($1)` on PostgreSQL, so
 * one prepared statement serves every batch size), and each row becomes an entity through a
 * converter per column chosen once (see converterOf).
 *
 * Columns can be left out (`omit`): a person read to show a name need not carry a password hash.
 */
export class RowReader<T extends ObjectLiteral> {
  private readonly columns: readonly ColumnMetadata[];
  /** Per column, how a raw value becomes the entity's (see converterOf). */
  private readonly converters: readonly Converter[];
  private readonly selectList: string;
  private readonly statements = new Map<string, string>();
  /** Per prefix of a joined row (see selectAs), the key of each column in that row. */
  private readonly keys = new Map<string, readonly string[]>();
  private readonly postgres: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metadata: EntityMetadata,
    omit: readonly string[] = [],
  ) {
    this.postgres = dataSource.options.type === 'postgres';
    this.columns = metadata.columns.filter(
      (column) => !column.isVirtual && !omit.includes(column.propertyName),
    );
    this.converters = this.columns.map((column) => this.converterOf(column));
    const escape = (name: string) => dataSource.driver.escape(name);
    this.selectList = this.columns.map((column) => escape(column.databaseName)).join(', ');
  }

  static of<T extends ObjectLiteral>(repository: Repository<T>, omit?: readonly string[]) {
    return new RowReader<T>(repository.manager.connection, repository.metadata, omit);
  }

  /**
   * The rows matching every condition (`{ shiftId: [ids] }`, `{ status: 'OPEN' }`), ordered by
   * the given columns (ascending). An empty key list matches nothing, without a query.
   */
  async find(where: RowCondition, orderBy: readonly string[] = []): Promise<T[]> {
    const entries = Object.entries(where);
    if (entries.some(([, value]) => Array.isArray(value) && value.length === 0)) return [];
    const sql = this.statement(entries, orderBy);
    const parameters = entries.flatMap(([property, value]) =>
      value instanceof HalfOpenRange
        ? [this.parameter(property, value.from), this.parameter(property, value.to)]
        : [this.parameter(property, value)],
    );
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql, parameters);
    return rows.map((row) => this.hydrate(row));
  }

  /**
   * The columns read from the table under `alias`, each named `prefix` + its name, to read this
   * entity from a row joined with others: `hydrate(row, prefix)` reads it back.
   */
  selectAs(alias: string, prefix: string): string {
    const escape = (name: string) => this.dataSource.driver.escape(name);
    return this.columns
      .map(
        (column) =>
          `${escape(alias)}.${escape(column.databaseName)} AS ${escape(prefix + column.databaseName)}`,
      )
      .join(', ');
  }

  /**
   * An entity from a raw row, as TypeORM would hydrate it (without relations); with a prefix, from
   * the columns a joined row names after selectAs.
   */
  hydrate(row: Record<string, unknown>, prefix = ''): T {
    const target = this.metadata.target as { prototype: object };
    const entity = Object.create(target.prototype) as Record<string, unknown>;
    const { columns, converters } = this;
    const keys = this.keysOf(prefix);
    for (let index = 0; index < columns.length; index += 1) {
      entity[columns[index].propertyName] = converters[index](row[keys[index]]);
    }
    return entity as T;
  }

  private keysOf(prefix: string): readonly string[] {
    let keys = this.keys.get(prefix);
    if (!keys) {
      keys = this.columns.map((column) => prefix + column.databaseName);
      this.keys.set(prefix, keys);
    }
    return keys;
  }

  /**
   * The driver's own conversion (`prepareHydratedValue`), except where it is known to change
   * nothing (text, numbers and ids without a transformer) or, for SQLite's instants, done without
   * its regular expressions: the same Date, from the same text. Every row of every list passes
   * here, a value at a time.
   */
  private converterOf(column: ColumnMetadata): Converter {
    const driver = this.dataSource.driver;
    const byDriver: Converter = (value) => driver.prepareHydratedValue(value, column) as unknown;
    if (column.transformer) return byDriver;
    if (AS_READ.has(column.type)) return (value) => value;
    if (!this.postgres && (column.type === 'datetime' || column.type === Date)) {
      return (value) =>
        typeof value === 'string' && SQLITE_INSTANT.test(value)
          ? new Date(`${value.slice(0, 10)}T${value.slice(11)}Z`)
          : byDriver(value);
    }
    return byDriver;
  }

  private statement(entries: [string, unknown][], orderBy: readonly string[]): string {
    const shape = (value: unknown) =>
      Array.isArray(value) ? '[]' : value instanceof HalfOpenRange ? '..' : '=';
    const key = `${entries.map(([property, value]) => property + shape(value)).join(',')}|${orderBy.join(',')}`;
    let sql = this.statements.get(key);
    if (!sql) {
      const escape = (name: string) => this.dataSource.driver.escape(name);
      let index = 0;
      const next = () => (this.postgres ? `$${++index}` : '?');
      const conditions = entries.map(([property, value]) => {
        const column = escape(this.column(property).databaseName);
        if (value instanceof HalfOpenRange)
          return `${column} >= ${next()} AND ${column} < ${next()}`;
        if (!Array.isArray(value)) return `${column} = ${next()}`;
        return this.postgres
          ? `${column} = ANY(${next()})`
          : `${column} IN (SELECT value FROM json_each(${next()}))`;
      });
      const order = orderBy.map((property) => escape(this.column(property).databaseName));
      sql =
        `SELECT ${this.selectList} FROM ${escape(this.metadata.tableName)}` +
        (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '') +
        (order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '');
      this.statements.set(key, sql);
    }
    return sql;
  }

  private parameter(property: string, value: unknown): unknown {
    const column = this.column(property);
    const driver = this.dataSource.driver;
    if (!Array.isArray(value)) return driver.preparePersistentValue(value, column) as unknown;
    const values = value.map((item: unknown): unknown =>
      driver.preparePersistentValue(item, column),
    );
    return this.postgres ? values : JSON.stringify(values);
  }

  private column(property: string): ColumnMetadata {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.metadata.name} has no column ${property}`);
    return column;
  }
}
