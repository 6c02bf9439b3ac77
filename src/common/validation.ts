import { Transform } from 'class-transformer';
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { swedishArea } from './swedish-areas';
import { DomainError } from './errors/domain-error';

/** `{ 'filter.search': ['search must be shorter than or equal to 100 characters'] }` */
export function fieldErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    Object.assign(fields, fieldErrors(error.children ?? [], path));
  }
  return fields;
}

/** Validates every input and argument object; failures are BAD_USER_INPUT naming the fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => DomainError.badInput('Invalid input', fieldErrors(errors)),
  });
}

/**
 * An explicit null in an optional input field means what leaving it out means: its default
 * (GraphQL passes null through, and clients often send null for "not set").
 */
export const DefaultWhenNull = <T>(fallback: () => T): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === null ? fallback() : value));

/** Trims a string input before it is validated, so "   " fails a minimum length. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases a string, or each string of a list, before it is validated (codes). */
export const LowerCase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    const lower = (item: unknown) => (typeof item === 'string' ? item.trim().toLowerCase() : item);
    return Array.isArray(value) ? value.map(lower) : lower(value);
  });

export const SWEDISH_AREA_MESSAGE =
  'must be a Swedish municipality or county (e.g. Trollhättan, Västra Götaland), never an address';

/**
 * A Swedish municipality or county, written any case; what reaches the service is its official
 * spelling ("åmål" → "Åmål"). Anything else (a street, a postcode, a landmark) is refused.
 */
export const IsSwedishArea = (): PropertyDecorator => (target, property) => {
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (swedishArea(value) ?? value) : value,
  )(target, property);
  ValidateBy({
    name: 'isSwedishArea',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && swedishArea(value) === value,
      defaultMessage: (args) => `${args?.property ?? 'area'} ${SWEDISH_AREA_MESSAGE}`,
    },
  })(target, property);
};
