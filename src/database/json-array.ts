import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { escapeLike } from '../common/text';

/**
 * Narrows a query to rows whose `simple-json` array column holds one of `values` (string
 * elements: enum members, language codes). The column is JSON text on both databases, and every
 * element is written with its quotes, so `%"ro"%` finds the element `ro` and not `rom`. The
 * wildcard characters of the value are escaped. `orEmpty` also keeps rows whose array is empty
 * ("no restriction", e.g. a service open to every target group).
 */
export function whereJsonArrayHas<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  parameter: string,
  value: string,
  options: { orEmpty?: boolean } = {},
): SelectQueryBuilder<T> {
  const pattern = `%${escapeLike(JSON.stringify(value))}%`;
  return query.andWhere(
    new Brackets((where) => {
      where.where(`${column} LIKE :${parameter} ESCAPE '\\'`, { [parameter]: pattern });
      if (options.orEmpty) where.orWhere(`${column} = '[]'`);
    }),
  );
}
