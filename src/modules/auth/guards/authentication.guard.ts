import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import passport from 'passport';
import { ANONYMOUS, Actor, ApiScope, hasSystemRole, SystemRole } from '../../../common/actor';
import {
  ALLOWED_API_SCOPES,
  IS_PUBLIC,
  REQUIRED_SYSTEM_ROLES,
} from '../../../common/decorators/access.decorators';
import { DomainError } from '../../../common/errors/domain-error';
import { httpOf } from '../../../common/request';
import { RequestActors } from '../request-actors.service';

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs a registered passport strategy; resolves to what its `validate` returned, or false. */
function authenticateWith(strategy: string, req: Request, res?: Response): Promise<Actor | false> {
  return new Promise((resolve, reject) => {
    const handler = passport.authenticate(
      strategy,
      { session: false },
      (error: unknown, actor: Actor | false | undefined) =>
        error ? reject(asError(error)) : resolve(actor ?? false),
    ) as (req: Request, res: Response | undefined, next: (error?: unknown) => void) => void;
    handler(req, res, (error?: unknown) => reject(asError(error ?? 'passport called next')));
  });
}

/**
 * Secure by default: runs before every operation and every field resolver. It authenticates the
 * request once (bearer JWT, or `X-Api-Key` for partner apps; neither is anonymous; a bad
 * credential is refused even on public operations) and then checks what the operation declares:
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
    const actor = await this.actors.resolve(req, () => this.authenticate(req, res));
    return this.authorise(context, actor);
  }

  private async authenticate(req: Request, res?: Response): Promise<Actor> {
    const bearer = req.headers.authorization;
    const apiKey = req.headers['x-api-key'];
    if (bearer && apiKey)
      throw DomainError.unauthenticated('Send a bearer token or an API key, not both');
    if (!bearer && !apiKey) return ANONYMOUS;
    const actor = await authenticateWith(bearer ? 'jwt' : 'api-key', req, res);
    if (!actor) {
      throw DomainError.unauthenticated(
        bearer ? 'Invalid or expired access token' : 'Invalid or revoked API key',
      );
    }
    return actor;
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
