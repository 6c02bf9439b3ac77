import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import type { RequestWithActor } from '../common/decorators/current-actor.decorator';
import { RequestLoaders } from './loaders';

export type GraphQLRequest = Request & RequestWithActor;

/** What every resolver receives as GraphQL context: one per HTTP request or subscription operation. */
export interface GraphQLContext {
  req: GraphQLRequest;
  res?: Response;
  loaders: RequestLoaders;
}

/** What the HTTP integration (Express) or graphql-ws (a subscription's operation) hands over. */
interface ContextSource {
  req?: GraphQLRequest;
  res?: Response;
  connectionParams?: Readonly<Record<string, unknown>>;
  extra?: { request?: IncomingMessage };
}

export function createContext(source: ContextSource): GraphQLContext {
  const req = source.req ?? subscriptionRequest(source.connectionParams, source.extra?.request);
  return { req, res: source.res, loaders: new RequestLoaders() };
}

/**
 * A subscription has no HTTP request per operation: its credentials come in the connection
 * parameters (`{ "Authorization": "Bearer …" }` or `{ "X-Api-Key": "…" }`), read here as headers so
 * the same authentication runs for every operation.
 */
function subscriptionRequest(
  connectionParams: Readonly<Record<string, unknown>> = {},
  upgrade?: IncomingMessage,
): GraphQLRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(connectionParams)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return { headers, ip: upgrade?.socket.remoteAddress } as unknown as GraphQLRequest;
}

/**
 * A subscription keeps one context for all its events; before each event its request (and so the
 * actor authenticated from it) and its loaders are replaced, so nothing cached for an earlier event
 * (roles, records) shapes a later one. See RequestActors.renew.
 */
export function renewForEvent(context: GraphQLContext): void {
  context.req = { headers: context.req.headers, ip: context.req.ip } as unknown as GraphQLRequest;
  context.loaders = new RequestLoaders();
}
