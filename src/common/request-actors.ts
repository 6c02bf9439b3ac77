import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import passport from 'passport';
import { ANONYMOUS, type Actor } from './actor';
import type { RequestWithActor } from './decorators/current-actor.decorator';
import { DomainError } from './errors/domain-error';
import { type GraphQLContext, renewForEvent } from '../graphql/context';

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
 * Who each HTTP request acts as: authenticated once per request (however many operations and
 * fields it has; bearer JWT, or `X-Api-Key` for partner apps; neither is anonymous; a bad
 * credential is refused even on public operations), and switched to the person when `register` or
 * `login` succeeds in it, so the payload they return is seen by its owner.
 */
@Injectable()
export class RequestActors {
  private readonly actors = new WeakMap<Request, Promise<Actor>>();

  async of(req: Request, res?: Response): Promise<Actor> {
    let actor = this.actors.get(req);
    if (!actor) {
      actor = this.authenticate(req, res);
      this.actors.set(req, actor);
    }
    const resolved = await actor;
    (req as RequestWithActor).actor = resolved;
    return resolved;
  }

  signIn(req: Request, actor: Actor): void {
    this.actors.set(req, Promise.resolve(actor));
    (req as RequestWithActor).actor = actor;
  }

  /**
   * Before each event of a long-lived subscription: a fresh request, authenticated again (an access
   * token expires, a session ends, an API key is revoked), and fresh per-request caches, so no event
   * is shaped by what was true for an earlier one. Null when the credentials no longer hold.
   */
  async renew(context: GraphQLContext): Promise<Actor | null> {
    renewForEvent(context);
    try {
      return await this.of(context.req);
    } catch {
      return null;
    }
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
}
