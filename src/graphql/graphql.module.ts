import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError, GraphQLSchema, parse, validate } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { Logger } from 'nestjs-pino';
import { Module } from '@nestjs/common';
import { GraphQLModule, GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config';
import { createContext } from './context';
import { createFormatError } from './errors';
import { graphqlProtection } from './limits';
import { DateTimeScalar } from './scalars';

/** The entry points document themselves like every other type. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query)
    query.description = 'Everything Samverkan answers: directories, lists and single records.';
  if (mutation)
    mutation.description = 'Every change: each takes one `input` and returns what it changed.';
  if (subscription) {
    subscription.description =
      'Live updates over graphql-ws on /graphql; credentials go in the connection parameters.';
  }
  return schema;
}

/**
 * Code-first Apollo Server at /graphql. The schema is built in memory, sorted; `npm run
 * schema:generate` writes it to schema.graphql and a test fails when the two drift apart.
 */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, Logger],
      useFactory: (config: AppConfig, logger: Logger): ApolloDriverConfig => {
        const protection = graphqlProtection(config.isProduction);
        let schema: GraphQLSchema | undefined;
        const format = createFormatError(logger);
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
          // The authentication guard also runs before every field resolver.
          fieldResolverEnhancers: ['guards'],
          context: createContext,
          formatError: format,
          transformSchema: (built: GraphQLSchema) => (schema = describeRootTypes(built)),
          autoTransformHttpErrors: false,
          introspection: !config.isProduction,
          graphiql: !config.isProduction,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          includeStacktraceInErrorResponses: false,
          hideSchemaDetailsFromClientErrors: config.isProduction,
          // graphql-armor's types come from Apollo's ESM build, Nest's from its CommonJS build.
          plugins: protection.plugins as ApolloDriverConfig['plugins'],
          validationRules: protection.validationRules,
          subscriptions: {
            'graphql-ws': {
              path: '/graphql',
              // graphql-ws validates documents itself: apply the same limits as over HTTP.
              onSubscribe: (_context, _id, payload) => {
                if (!schema) return undefined;
                try {
                  const errors = validate(schema, parse(payload.query), protection.validationRules);
                  return errors.length > 0 ? errors : undefined;
                } catch (error) {
                  return error instanceof GraphQLError ? [error] : undefined;
                }
              },
              // …and shape its errors like every other error (codes, hidden internals).
              onNext: (_context, _id, _payload, _args, result) =>
                'errors' in result && result.errors
                  ? {
                      ...result,
                      errors: result.errors.map((error) => format(error.toJSON(), error)),
                    }
                  : undefined,
              onError: (_context, _id, _payload, errors) =>
                errors.map((error) => format(error.toJSON(), error)),
            } satisfies Pick<ServerOptions, 'onSubscribe' | 'onNext' | 'onError'> & {
              path: string;
            } as GraphQLWsSubscriptionsConfig,
          },
        };
      },
    }),
  ],
})
export class ApiGraphQLModule {}
