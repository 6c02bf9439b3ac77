import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError, GraphQLSchema, parse, validate } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { Logger } from 'nestjs-pino';
import { Module } from '@nestjs/common';
import { GraphQLModule, GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config';
import { createContext } from './context';
import { costError, costLimitPlugin, enforceMaxItems } from './cost';
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
        const format = createFormatError(logger, { production: config.isProduction });
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
          // The authentication guard also runs before every field resolver.
          fieldResolverEnhancers: ['guards'],
          context: createContext,
          formatError: format,
          transformSchema: (built: GraphQLSchema) =>
            (schema = enforceMaxItems(describeRootTypes(built))),
          autoTransformHttpErrors: false,
          introspection: !config.isProduction,
          graphiql: !config.isProduction,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          includeStacktraceInErrorResponses: false,
          hideSchemaDetailsFromClientErrors: config.isProduction,
          // graphql-armor's types come from Apollo's ESM build, Nest's from its CommonJS build.
          plugins: [
            ...(protection.plugins as NonNullable<ApolloDriverConfig['plugins']>),
            costLimitPlugin() as NonNullable<ApolloDriverConfig['plugins']>[number],
          ],
          validationRules: protection.validationRules,
          subscriptions: {
            'graphql-ws': {
              path: '/graphql',
              // graphql-ws validates documents itself: apply the same limits as over HTTP, the
              // cost with the subscription's variables.
              onSubscribe: (_context, _id, payload) => {
                if (!schema) return undefined;
                try {
                  const document = parse(payload.query);
                  const errors = validate(schema, document, protection.validationRules);
                  if (errors.length > 0) return errors;
                  const tooCostly = costError(
                    schema,
                    document,
                    payload.variables ?? undefined,
                    payload.operationName,
                  );
                  return tooCostly ? [tooCostly] : undefined;
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
