import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ANONYMOUS, Actor } from '../actor';
import { httpOf } from '../request';

/** Where the authentication guard leaves the actor on the HTTP request. */
export interface RequestWithActor {
  actor?: Actor;
}

export function actorFromExecutionContext(context: ExecutionContext): Actor {
  const request = httpOf(context).req as RequestWithActor | undefined;
  return request?.actor ?? ANONYMOUS;
}

/** The caller of this operation: a person, an API client, or anonymous. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  actorFromExecutionContext(context),
);
