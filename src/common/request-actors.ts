import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PubSub } from 'graphql-subscriptions';
import passport from 'passport';
import { ANONYMOUS, type Actor, isPerson } from './actor';
import type { RequestWithActor } from './decorators/current-actor.decorator';
import { DomainError } from './errors/domain-error';
import { type GraphQLContext, renewForEvent } from '../graphql/context';
import { PUB_SUB } from '../graphql/pubsub';
import { type SessionEnded, SessionBoundStream } from '../graphql/session-bound-stream';

/** How often a subscription checks its caller's credentials between events. */
export const SESSION_CHECK_MS = 30_000;

/** Whether two actors are the same caller (the same person's session, the same API client). */
function sameCaller(now: Actor, then: Actor): boolean {
  if (now.kind === 'person' && then.kind === 'person') return now.sessionId === then.sessionId;
  if (now.kind === 'apiClient' && then.kind === 'apiClient') {
    return now.apiClientId === then.apiClientId;
  }
  return now.kind === then.kind;
}

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

  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSub) {}

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

  /**
   * A subscription's events while the credentials it was opened with hold: each event (that
   * `accept` lets through) is delivered after the caller is authenticated afresh for it (`of`
   * then gives that actor), and when they no longer hold (a sign-out, an expired token, a revoked
   * key; checked on every event, on every sign-out of the person and every SESSION_CHECK_MS) one
   * SessionEnded event comes last. Anonymous callers have nothing to end.
   */
  whileSignedIn<T>(
    actor: Actor,
    context: GraphQLContext,
    source: AsyncIterator<T>,
    accept?: (event: T) => boolean,
  ): AsyncIterableIterator<T | SessionEnded> {
    const stillSignedIn = async () => {
      const now = await this.renew(context);
      return now !== null && sameCaller(now, actor);
    };
    return new SessionBoundStream(
      this.pubSub,
      source,
      {
        personId: isPerson(actor) ? actor.personId : null,
        stillSignedIn,
        checkEveryMs: SESSION_CHECK_MS,
      },
      accept,
    );
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
