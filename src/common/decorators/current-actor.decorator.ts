import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ANONYMOUS, Actor } from '../actor';

/** Where the authentication guard leaves the actor on the HTTP request. */
export interface RequestWithActor {
  actor?: Actor;
}

export function actorFromExecutionContext(context: ExecutionContext): Actor {
  const request =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ req: RequestWithActor }>().req
      : context.switchToHttp().getRequest<RequestWithActor>();
  return request?.actor ?? ANONYMOUS;
}

/** The caller of this operation: a person, an API client, or anonymous. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  actorFromExecutionContext(context),
);
