import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config';
import { createContext } from './context';
import { formatError } from './errors';
import { graphqlProtection } from './limits';
import { DateTimeScalar } from './scalars';

/**
 * Code-first Apollo Server at /graphql. The schema is built in memory, sorted; `npm run
 * schema:generate` writes it to schema.graphql and a test fails when the two drift apart.
 */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ApolloDriverConfig => {
        const protection = graphqlProtection(config.isProduction);
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
          // The authentication guard also runs before every field resolver.
          fieldResolverEnhancers: ['guards'],
          context: createContext,
          formatError,
          autoTransformHttpErrors: false,
          introspection: !config.isProduction,
          graphiql: !config.isProduction,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          includeStacktraceInErrorResponses: false,
          hideSchemaDetailsFromClientErrors: config.isProduction,
          status400ForVariableCoercionErrors: true,
          // graphql-armor's types come from Apollo's ESM build, Nest's from its CommonJS build.
          plugins: protection.plugins as ApolloDriverConfig['plugins'],
          validationRules: protection.validationRules,
        };
      },
    }),
  ],
})
export class ApiGraphQLModule {}
