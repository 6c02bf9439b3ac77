import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the help map's operations, generated from the API's committed schema with GraphQL
 * Code Generator's client preset: `npm run codegen:examples` (a test fails when they are stale).
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', SafeInt: 'number' },
      },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
