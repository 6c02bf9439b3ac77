import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min, NotEquals } from 'class-validator';
import { MAX_AMOUNT } from '../grants.rules';

/**
 * An amount in öre: a whole number from `min` (1 by default: zero means nothing there) up to
 * MAX_AMOUNT. The SafeInt scalar already refuses fractions; this refuses negatives and zero.
 */
export const Amount = (min = 1): PropertyDecorator =>
  applyDecorators(IsInt(), Min(min), Max(MAX_AMOUNT));

/** A signed correction in öre: never zero. */
export const SignedAmount = (): PropertyDecorator =>
  applyDecorators(IsInt(), Min(-MAX_AMOUNT), Max(MAX_AMOUNT), NotEquals(0));
