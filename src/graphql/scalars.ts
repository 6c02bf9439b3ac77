import { GraphQLScalarType } from 'graphql';
import {
  DateTimeResolver,
  JSONObjectResolver,
  LocalDateResolver,
  SafeIntResolver,
} from 'graphql-scalars';
import { toStockholmIso } from '../common/time';

/**
 * An instant. Input: ISO 8601 / RFC 3339 with an offset (a time without one is ambiguous and
 * refused). Output: ISO 8601 in Europe/Stockholm with its offset.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  name: 'DateTime',
  description:
    'An instant in ISO 8601 with an offset. Sent with any offset (e.g. 2026-11-22T21:00:00+01:00 ' +
    'or 2026-11-22T20:00:00Z); returned in Europe/Stockholm time with its offset.',
  serialize(value: unknown): string {
    // Resolvers return Dates: formatted directly (this runs for every date of every answer).
    if (value instanceof Date && !Number.isNaN(value.getTime())) return toStockholmIso(value);
    return toStockholmIso(DateTimeResolver.parseValue(value));
  },
});

/** A calendar date, `YYYY-MM-DD`, in Europe/Stockholm. */
export const LocalDateScalar = LocalDateResolver;

/** A JSON object, e.g. the before/after summary of an audit entry. */
export const JSONObjectScalar = JSONObjectResolver;

/**
 * A whole number that JavaScript represents exactly (±(2^53 − 1)): money, in öre. A fractional or
 * out-of-range value is refused before any resolver runs (BAD_USER_INPUT).
 */
export const SafeIntScalar = new GraphQLScalarType({
  ...SafeIntResolver.toConfig(),
  name: 'SafeInt',
  description:
    'A whole number between -(2^53 - 1) and 2^53 - 1. Money is integer öre (1 SEK = 100 öre), never a ' +
    'fraction: 1 250,50 kr is 125050.',
});
