import type { EventEmitter } from 'node:events';
import type { PubSub } from 'graphql-subscriptions';
import { createClient, Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { PUB_SUB } from '../../src/graphql/pubsub';
import type { TestApp } from './test-app';

/** The events of one subscription, collected until `stop()`. */
export interface Followed {
  events: any[];
  errors: unknown[];
  /** The server completed the subscription. */
  completed: boolean;
  stop: () => void;
}

/** A graphql-ws client of the app (connecting on its first subscription). */
export function connect(test: TestApp, connectionParams?: Record<string, unknown>): WsClient {
  return createClient({
    url: `${test.baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
  });
}

/** Subscribes and collects the events until stopped. */
export function follow(
  client: WsClient,
  query: string,
  variables: Record<string, unknown> = {},
): Followed {
  const followed: Followed = { events: [], errors: [], completed: false, stop: () => undefined };
  followed.stop = client.subscribe(
    { query, variables },
    {
      next: (event) => followed.events.push(event),
      error: (error) => followed.errors.push(error),
      complete: () => (followed.completed = true),
    },
  );
  return followed;
}

/** Polls until `condition` holds (5 s at most). */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 25) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** How many subscriptions listen to a topic on the in-process bus (graphql-subscriptions' EventEmitter). */
function listening(test: TestApp, topic: string): number {
  return (test.app.get<PubSub>(PUB_SUB) as unknown as { ee: EventEmitter }).ee.listenerCount(topic);
}

/** Waits until exactly `count` subscriptions listen to the topic, so no event is published before they do. */
export function subscribed(test: TestApp, topic: string, count: number): Promise<void> {
  return until(
    () => listening(test, topic) === count,
    `${count} subscription(s) to ${topic} to be listening`,
  );
}
