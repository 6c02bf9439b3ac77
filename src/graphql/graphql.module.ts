import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLSchema } from 'graphql';
import { Logger } from 'nestjs-pino';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
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
  if (subscription) subscription.description = 'Live updates over graphql-ws on /graphql.';
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
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
          // The authentication guard also runs before every field resolver.
          fieldResolverEnhancers: ['guards'],
          context: createContext,
          formatError: createFormatError(logger),
          transformSchema: describeRootTypes,
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
        };
      },
    }),
  ],
})
export class ApiGraphQLModule {}
