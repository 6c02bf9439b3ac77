import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

/**
 * The current time, injectable so that tests can move it (deadlines, expiries, scheduled jobs).
 * Everything that compares against "now" asks the clock rather than calling `new Date()`.
 */
@Injectable()
export class Clock {
  private readonly shifted = new AsyncLocalStorage<number>();

  now(): Date {
    return new Date(this.current().getTime() + (this.shifted.getStore() ?? 0));
  }

  /**
   * Runs `work` as if it were `instant` (time keeps moving from there), for the demo seeder to
   * record history through the services and their rules. Only code, never a request, can do
   * this, and only for what `work` itself awaits: other callers keep the real time.
   */
  at<T>(instant: Date, work: () => Promise<T>): Promise<T> {
    return this.shifted.run(instant.getTime() - this.current().getTime(), work);
  }

  /** The time before any `at()`; a test clock replaces this. */
  protected current(): Date {
    return new Date();
  }
}
