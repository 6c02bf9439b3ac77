import { Clock } from '../../src/common/clock';

/**
 * Real time plus an offset the test controls: time keeps moving (database defaults and JWT expiry
 * use the real clock) and a test can jump ahead past deadlines and expiries.
 */
export class TestClock extends Clock {
  private offsetMs = 0;

  protected override current(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(milliseconds: number): void {
    this.offsetMs += milliseconds;
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  /** Back to real time (specs that move the clock call this after each test). */
  reset(): void {
    this.offsetMs = 0;
  }
}
