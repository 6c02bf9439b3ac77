import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

/** Where subscriptions are served, for the refusal of one sent over HTTP. */
export const SUBSCRIPTIONS_OVER_HTTP_REFUSED =
  'Subscriptions are served over WebSocket at /graphql with the graphql-ws protocol ' +
  '(subprotocol graphql-transport-ws); HTTP answers queries and mutations only';

/**
 * Refuses a subscription sent over HTTP (POST or GET) before it executes: Apollo would run it as
 * a query, without the event a subscription's resolver expects, and answer an internal error.
 * A request error, which formatError turns into BAD_USER_INPUT, HTTP 400.
 */
export function subscriptionsOverWebSocketOnly(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation }) => {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError(SUBSCRIPTIONS_OVER_HTTP_REFUSED, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
          return Promise.resolve();
        },
      }),
  };
}
