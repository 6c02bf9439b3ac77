import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../../common/actor';
import type { RequestWithActor } from '../../common/decorators/current-actor.decorator';

/**
 * Who each HTTP request acts as: authenticated once per request (however many operations and
 * fields it has), and switched to the person when `register` or `login` succeeds in it, so the
 * payload they return is seen by its owner.
 */
@Injectable()
export class RequestActors {
  private readonly actors = new WeakMap<Request, Promise<Actor>>();

  async resolve(req: Request, authenticate: () => Promise<Actor>): Promise<Actor> {
    let actor = this.actors.get(req);
    if (!actor) {
      actor = authenticate();
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
}
