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
