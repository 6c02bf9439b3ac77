import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, ApiScope, hasSystemRole, SystemRole } from '../../../common/actor';
import {
  ALLOWED_API_SCOPES,
  IS_PUBLIC,
  REQUIRED_SYSTEM_ROLES,
} from '../../../common/decorators/access.decorators';
import { DomainError } from '../../../common/errors/domain-error';
import { httpOf } from '../../../common/request';
import { RequestActors } from '../../../common/request-actors';

/**
 * Secure by default: runs before every operation and every field resolver. It authenticates the
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
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (actor.kind === 'anonymous') throw DomainError.unauthenticated();
    if (actor.kind === 'apiClient') {
      const scopes = this.reflector.getAllAndOverride<ApiScope[] | undefined>(
        ALLOWED_API_SCOPES,
        targets,
      );
      if (!scopes?.some((scope) => actor.scopes.includes(scope))) {
        throw DomainError.forbidden("This API key's scopes do not allow this");
      }
      return true;
    }
    const roles = this.reflector.getAllAndOverride<SystemRole[] | undefined>(
      REQUIRED_SYSTEM_ROLES,
      targets,
    );
    if (roles && !hasSystemRole(actor, ...roles)) {
      throw DomainError.forbidden(`Requires the system role ${roles.join(' or ')}`);
    }
    return true;
  }
}
