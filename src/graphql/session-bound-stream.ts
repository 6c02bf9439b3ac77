import type { PubSub } from 'graphql-subscriptions';
import { DomainError } from '../common/errors/domain-error';
import { SESSION_ENDED } from './pubsub';

/** The last event of a stream whose subscriber's credentials no longer hold. */
export interface SessionEnded {
  readonly sessionEnded: true;
}

const SESSION_END: SessionEnded = Object.freeze({ sessionEnded: true });

export function isSessionEnded(value: unknown): value is SessionEnded {
  return value === SESSION_END;
}

/** What a subscription's resolver answers the SessionEnded event with. */
export function sessionEndedError(): DomainError {
  return DomainError.unauthenticated('Your session has ended: sign in again to follow');
}

/** What a SessionBoundStream watches. */
export interface SessionWatch {
  /** The person whose sign-outs end the stream at once (SESSION_ENDED); null for other callers. */
  readonly personId: string | null;
  /** Whether the subscriber's credentials still hold (authenticating afresh). */
  readonly stillSignedIn: () => Promise<boolean>;
  /** How often to check without an event (an access token expires, an API key is revoked). */
  readonly checkEveryMs: number;
}

/**
 * The events of `source` that `accept` lets through, each delivered only once the subscriber's
 * credentials are checked again; the check also runs when one of the person's sessions ends and
 * every `checkEveryMs`. Once they no longer hold, one last SessionEnded event (the resolver answers
 * it with UNAUTHENTICATED) and the stream completes, so a client knows to sign in again instead of
 * hearing nothing. Checks and deliveries run one at a time, in arrival order, so no event
 * overtakes the end of the session.
 */
export class SessionBoundStream<T> implements AsyncIterableIterator<T | SessionEnded> {
  private readonly queue: (T | SessionEnded)[] = [];
  private waiting: ((result: IteratorResult<T | SessionEnded>) => void) | null = null;
  private readonly sessionEnds: Promise<number> | null;
  private readonly timer: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();
  /** No more events will be queued (the session ended or the source finished). */
  private ended = false;
  /** Returned: nothing more is delivered. */
  private finished = false;
  private released = false;

  constructor(
    private readonly pubSub: PubSub,
    private readonly source: AsyncIterator<T>,
    private readonly watch: SessionWatch,
    private readonly accept: (event: T) => boolean = () => true,
  ) {
    const { personId } = watch;
    this.sessionEnds = personId
      ? pubSub.subscribe(SESSION_ENDED, (payload: { personId: string }) => {
          if (payload.personId === personId) this.inOrder(() => undefined);
        })
      : null;
    this.timer = setInterval(() => this.inOrder(() => undefined), watch.checkEveryMs);
    this.timer.unref();
    void this.pump();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T | SessionEnded> {
    return this;
  }

  next(): Promise<IteratorResult<T | SessionEnded>> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve({ value: queued, done: false });
    if (this.ended) return this.return();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T | SessionEnded>> {
    this.stop();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T | SessionEnded>> {
    this.stop();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const result = await this.source.next();
        if (result.done || this.ended) break;
        const event = result.value;
        if (this.accept(event)) this.inOrder(() => this.push(event));
      }
    } finally {
      this.chain = this.chain.then(() => this.end());
    }
  }

  /** Checks the credentials, then (if they hold) runs `deliver`; one at a time, in order. */
  private inOrder(deliver: () => void): void {
    this.chain = this.chain.then(async () => {
      if (this.ended) return;
      if (await this.watch.stillSignedIn().catch(() => false)) {
        deliver();
        return;
      }
      this.push(SESSION_END);
      this.end();
    });
  }

  private push(event: T | SessionEnded): void {
    if (this.finished) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value: event, done: false });
    } else {
      this.queue.push(event);
    }
  }

  /** No more events: what is queued is still delivered, then the stream completes. */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.release();
    // A reader waiting on an empty queue gets the end now (stop completes it).
    if (this.waiting && this.queue.length === 0) this.stop();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    void this.sessionEnds?.then((id) => this.pubSub.unsubscribe(id));
    void this.source.return?.();
  }

  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.ended = true;
    this.release();
    this.queue.length = 0;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }
}
