import { Global, Module } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';

/**
 * The in-process event bus behind GraphQL subscriptions. One process serves one deployment's
 * subscribers; running several API processes would need a shared bus (e.g. Redis) here.
 */
export const PUB_SUB = Symbol('PUB_SUB');

@Global()
@Module({
  providers: [{ provide: PUB_SUB, useFactory: () => new PubSub() }],
  exports: [PUB_SUB],
})
export class PubSubModule {}

/**
 * Published (after commit) when sessions of a person end — sign-out, a password change, a reused
 * refresh token — with `{ personId }`, so long-lived subscriptions re-check their credentials now
 * rather than at their next event.
 */
export const SESSION_ENDED = 'sessionEnded';
