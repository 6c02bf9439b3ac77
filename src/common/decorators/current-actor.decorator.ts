import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ANONYMOUS, Actor } from '../actor';
import { httpOf } from '../request';

/** Where the authentication guard leaves the actor on the HTTP request. */
export interface RequestWithActor {
  actor?: Actor;
}

export function actorFromExecutionContext(context: ExecutionContext): Actor {
  return actorFromContext({ req: httpOf(context).req as RequestWithActor | undefined });
}

/** The actor of a GraphQL context (e.g. in a subscription's `resolve`, after its `filter` ran). */
export function actorFromContext(context: { req?: RequestWithActor }): Actor {
  return context.req?.actor ?? ANONYMOUS;
}

/** What `@CurrentActor()` extracts; field resolvers bound directly call actorFromContext instead. */
export const currentActorFactory = (_data: unknown, context: ExecutionContext): Actor =>
  actorFromExecutionContext(context);

/** The caller of this operation: a person, an API client, or anonymous. */
export const CurrentActor = createParamDecorator(currentActorFactory);
