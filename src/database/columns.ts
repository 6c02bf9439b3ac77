import {
  Column,
  ColumnOptions,
  CreateDateColumn,
  getMetadataArgsStorage,
  PrimaryColumn,
  PrimaryColumnOptions,
  UpdateDateColumn,
  ValueTransformer,
} from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Column kinds whose SQL type differs between SQLite and PostgreSQL. Entities declare them once with
 * the decorators below; `applyDialect` sets the concrete type before a DataSource is built.
 */
type PortableKind = 'timestamp' | 'recordedAt' | 'uuid';

const PORTABLE = Symbol('samverkan.portableColumn');
type PortableOptions = ColumnOptions & { [PORTABLE]?: PortableKind };

const SQL_TYPES: Record<Dialect, Record<PortableKind, ColumnOptions>> = {
  sqlite: {
    timestamp: { type: 'datetime' },
    // SQLite's own `datetime('now')` has no milliseconds, while TypeORM writes instants as
    // 'YYYY-MM-DD HH:MM:SS.SSS'; as text they would compare wrongly (keyset cursors repeat rows).
    recordedAt: { type: 'datetime', default: () => "(strftime('%Y-%m-%d %H:%M:%f', 'now'))" },
    uuid: { type: 'varchar', length: 36 },
  },
  postgres: {
    // Milliseconds, as in JavaScript: with PostgreSQL's default microseconds, a keyset cursor
    // (which carries a JavaScript Date) would skip rows that differ below the millisecond.
    timestamp: { type: 'timestamptz', precision: 3 },
    recordedAt: { type: 'timestamptz', precision: 3, default: () => 'now()' },
    uuid: { type: 'uuid', length: undefined },
  },
};

function portable(kind: PortableKind, options: ColumnOptions = {}): PortableOptions {
  return { ...options, ...SQL_TYPES.sqlite[kind], [PORTABLE]: kind };
}

/**
 * Sets the SQL type of every portable column for the dialect about to be used. Called by the one
 * options builder before any DataSource is initialised (metadata is built from these arguments).
 */
export function applyDialect(dialect: Dialect): void {
  for (const column of getMetadataArgsStorage().columns) {
    const options = column.options as PortableOptions;
    const kind = options[PORTABLE];
    if (kind) Object.assign(options, SQL_TYPES[dialect][kind]);
  }
}

/** An instant, stored in UTC (`datetime` on SQLite, `timestamptz` on PostgreSQL). */
export const TimestampColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column(portable('timestamp', options));

export const CreatedAtColumn = (): PropertyDecorator => CreateDateColumn(portable('recordedAt'));

export const UpdatedAtColumn = (): PropertyDecorator => UpdateDateColumn(portable('recordedAt'));

/** A reference to another record's id (`varchar(36)` on SQLite, `uuid` on PostgreSQL). */
export const UuidColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column(portable('uuid', options));

/** A uuid column that is (part of) the primary key, e.g. of a join table. */
export const UuidPrimaryColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  PrimaryColumn(portable('uuid', options) as PrimaryColumnOptions);

/** An enum stored as text, portable across both databases. */
export const EnumColumn = (
  values: Record<string, string>,
  options: ColumnOptions = {},
): PropertyDecorator => Column({ type: 'varchar', length: maxLength(values), ...options });

function maxLength(values: Record<string, string>): number {
  return Math.max(16, ...Object.values(values).map((value) => value.length));
}

/** PostgreSQL returns `bigint` as a string; money in öre stays a safe integer in JavaScript. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** Money in öre: a 64-bit integer column read back as a JavaScript number. */
export const MoneyColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'bigint', transformer: bigintToNumber, ...options });
