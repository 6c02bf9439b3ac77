import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min, NotEquals } from 'class-validator';
import { formatKronor, MAX_AMOUNT } from '../grants.rules';

/** The cap on every amount, as the schema descriptions state it. */
export const MAX_AMOUNT_TEXT = `${MAX_AMOUNT} öre, i.e. ${formatKronor(MAX_AMOUNT)}`;

/**
 * An amount in öre: a whole number from `min` (1 by default: zero means nothing there) up to
 * MAX_AMOUNT. The SafeInt scalar already refuses fractions; this refuses negatives and zero.
 */
export const Amount = (min = 1): PropertyDecorator =>
  applyDecorators(IsInt(), Min(min), Max(MAX_AMOUNT));

/** A signed correction in öre: never zero. */
export const SignedAmount = (): PropertyDecorator =>
  applyDecorators(IsInt(), Min(-MAX_AMOUNT), Max(MAX_AMOUNT), NotEquals(0));
