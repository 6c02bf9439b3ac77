import type { Request, Response } from 'express';
import type { RequestWithActor } from '../common/decorators/current-actor.decorator';
import { RequestLoaders } from './loaders';

export type GraphQLRequest = Request & RequestWithActor;

/** What every resolver receives as GraphQL context: one per HTTP request. */
export interface GraphQLContext {
  req: GraphQLRequest;
  res?: Response;
  loaders: RequestLoaders;
}

export function createContext({
  req,
  res,
}: {
  req: GraphQLRequest;
  res?: Response;
}): GraphQLContext {
  return { req, res, loaders: new RequestLoaders() };
}
