import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** The committed form of the schema: sorted, with a header. */
export function schemaText(schema: GraphQLSchema): string {
  return (
    '# Generated from the code-first resolvers by `npm run schema:generate`. Do not edit by hand:\n' +
    '# a test fails when this file and the code disagree.\n\n' +
    `${printSchema(lexicographicSortSchema(schema))}\n`
  );
}
