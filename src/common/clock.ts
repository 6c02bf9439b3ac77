import { Injectable } from '@nestjs/common';

/**
 * The current time, injectable so that tests can move it (deadlines, expiries, scheduled jobs).
 * Everything that compares against "now" asks the clock rather than calling `new Date()`.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock the tests set and advance by hand. */
export class ManualClock extends Clock {
  private current: Date;

  constructor(start: Date = new Date()) {
    super();
    this.current = new Date(start);
  }

  override now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    this.current = new Date(to);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
