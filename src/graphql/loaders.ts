import DataLoader from 'dataloader';
import type { EntityMetadata, Repository } from 'typeorm';
import { RowReader } from '../database/row-reader';

/** Creates a DataLoader; defined once per service so every request reuses the same definition. */
export type LoaderFactory<K, V> = () => DataLoader<K, V>;

/**
 * The DataLoaders of one GraphQL request, created on first use. Every relation field resolves
 * through one of these, so a page of N parents costs one `IN (…)` query per relation, not N.
 */
export class RequestLoaders {
  private readonly loaders = new Map<unknown, unknown>();

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = factory();
      this.loaders.set(factory, loader);
    }
    return loader;
  }
}

/**
 * The record a relation field loads, which must exist (a foreign key names it): a missing one is a
 * broken invariant, reported as an internal error naming `what`.
 */
export async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (!found) throw new Error(`${what} is missing`);
  return found;
}

/** Orders rows found by one `IN (…)` query to match the requested keys (null where missing). */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

const readers = new WeakMap<EntityMetadata, Map<string, RowReader<{ id: string }>>>();

/** One RowReader per table and set of omitted columns (its statements are built once). */
export function readerOf<T extends { id: string }>(
  repository: Repository<T>,
  omit: readonly string[] = [],
): RowReader<T> {
  let byOmit = readers.get(repository.metadata);
  if (!byOmit) {
    byOmit = new Map();
    readers.set(repository.metadata, byOmit);
  }
  const key = omit.join(',');
  let reader = byOmit.get(key);
  if (!reader) {
    reader = RowReader.of(repository, omit);
    byOmit.set(key, reader);
  }
  return reader as unknown as RowReader<T>;
}

/**
 * A loader of records by id from one repository (null where missing): one statement per batch.
 * `omit` leaves columns out that no field shows (a person's password hash).
 */
export function loaderById<T extends { id: string }>(
  repository: Repository<T>,
  omit: readonly (keyof T & string)[] = [],
): DataLoader<string, T | null> {
  const reader = readerOf(repository, omit);
  return new DataLoader(async (ids) =>
    byKey(ids, await reader.find({ id: [...ids] }), (row) => row.id),
  );
}

/** Groups rows found by one `IN (…)` query into one list per requested key. */
export function groupedByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** A key of a range loader: whose rows, in which range. */
export interface RangeKey<R> {
  ownerId: string;
  range: R;
}

/**
 * Rows per owner within a range, for relation fields that take `from`/`to` (a district's walks, a
 * shelter's reports): owners asking for the same range share one `IN (…)` query, so a request
 * costs one query per distinct range however many owners it lists. `rangeId` names a range (two
 * keys with the same id share a query); `query` loads the rows of those owners in that range.
 */
export function rangeLoader<R, V>(options: {
  rangeId: (range: R) => string;
  query: (ownerIds: string[], range: R) => Promise<V[]>;
  ownerOf: (row: V) => string;
}): DataLoader<RangeKey<R>, V[]> {
  return new DataLoader(
    async (keys) => {
      const byRange = new Map<string, RangeKey<R>[]>();
      for (const key of keys) {
        const id = options.rangeId(key.range);
        byRange.set(id, [...(byRange.get(id) ?? []), key]);
      }
      const found = new Map<RangeKey<R>, V[]>();
      for (const group of byRange.values()) {
        const owners = group.map((key) => key.ownerId);
        const rows = await options.query([...new Set(owners)], group[0].range);
        const grouped = groupedByKey(owners, rows, options.ownerOf);
        group.forEach((key, index) => found.set(key, grouped[index]));
      }
      return keys.map((key) => found.get(key) ?? []);
    },
    { cacheKeyFn: (key) => `${key.ownerId}|${options.rangeId(key.range)}` },
  );
}
