import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { accessPolicyOf, requireAccess } from '../../../common/access-policy';
import { Actor } from '../../../common/actor';
import { httpOf } from '../../../common/request';
import { RequestActors } from '../../../common/request-actors';

/**
 * Secure by default: runs before every operation (field resolvers: see graphql/field-resolvers.ts). It authenticates the
 * request once (RequestActors) and then checks what the operation declares:
 * `@Public()`, `@RequireSystemRole(...)`, `@AllowApiScope(...)`. Everything else needs a signed-in
 * person; record-level rules stay in the services.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly actors: RequestActors,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { req, res } = httpOf(context);
    return this.authorise(context, await this.actors.of(req, res));
  }

  private authorise(context: ExecutionContext, actor: Actor): boolean {
    requireAccess(
      accessPolicyOf(this.reflector, [context.getHandler(), context.getClass()]),
      actor,
    );
    return true;
  }
}
