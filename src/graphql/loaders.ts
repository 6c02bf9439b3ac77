import DataLoader from 'dataloader';
import { FindOptionsWhere, In, Repository } from 'typeorm';

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

/** Orders rows found by one `IN (…)` query to match the requested keys (null where missing). */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** A loader of records by id from one repository (null where missing). */
export function loaderById<T extends { id: string }>(
  repository: Repository<T>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) =>
    byKey(
      ids,
      await repository.findBy({ id: In([...ids]) } as FindOptionsWhere<T>),
      (row) => row.id,
    ),
  );
}

/** Groups rows found by one `IN (…)` query into one list per requested key. */
export function groupedByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}
