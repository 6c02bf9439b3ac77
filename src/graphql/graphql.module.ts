import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError, GraphQLSchema, parse, validate } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { Logger } from 'nestjs-pino';
import { Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { GraphQLModule, GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { RequestActors } from '../common/request-actors';
import { AppConfig } from '../config/app-config';
import { createContext } from './context';
import { CompiledApolloDriver } from './compiled-execution';
import { answerLimitPlugin, boundLists, costError, costLimitPlugin } from './cost';
import { subscriptionsOverWebSocketOnly } from './transport';
import { createFormatError } from './errors';
import { bindFieldResolvers, discoverFieldResolvers } from './field-resolvers';
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
      driver: CompiledApolloDriver,
      imports: [DiscoveryModule],
      inject: [AppConfig, Logger, DiscoveryService, Reflector, RequestActors],
      useFactory: (
        config: AppConfig,
        logger: Logger,
        discovery: DiscoveryService,
        reflector: Reflector,
        actors: RequestActors,
      ): ApolloDriverConfig => {
        const protection = graphqlProtection(config.isProduction);
        let schema: GraphQLSchema | undefined;
        const format = createFormatError(logger, { production: config.isProduction });
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
          // Field resolvers check their access themselves, without Nest's wrapper: see
          // field-resolvers.ts.
          fieldResolverEnhancers: [],
          context: createContext,
          formatError: format,
          transformSchema: (built: GraphQLSchema) =>
            (schema = bindFieldResolvers(
              boundLists(describeRootTypes(built)),
              discoverFieldResolvers(discovery, reflector),
              actors,
            )),
          autoTransformHttpErrors: false,
          introspection: !config.isProduction,
          graphiql: !config.isProduction,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          includeStacktraceInErrorResponses: false,
          hideSchemaDetailsFromClientErrors: config.isProduction,
          // The plugins' types come from Apollo's ESM build, Nest's from its CommonJS build.
          plugins: [
            // No HTTP cache hints (every answer is per caller: `Cache-Control: no-store`), no
            // traces in answers, nothing reported to Apollo's cloud.
            ...([
              ApolloServerPluginCacheControlDisabled(),
              ApolloServerPluginInlineTraceDisabled(),
              ApolloServerPluginUsageReportingDisabled(),
              ApolloServerPluginSchemaReportingDisabled(),
            ] as unknown as NonNullable<ApolloDriverConfig['plugins']>),
            ...(protection.plugins as NonNullable<ApolloDriverConfig['plugins']>),
            costLimitPlugin(config.graphqlMaxCost) as NonNullable<
              ApolloDriverConfig['plugins']
            >[number],
            answerLimitPlugin(config.graphqlMaxItems) as NonNullable<
              ApolloDriverConfig['plugins']
            >[number],
            subscriptionsOverWebSocketOnly() as NonNullable<ApolloDriverConfig['plugins']>[number],
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
                    config.graphqlMaxCost,
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
