import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { containsPersonalIdentityNumber } from './personal-identity-number';

export const NO_IDENTITY_NUMBER_MESSAGE = 'must not contain a personal identity number';

/** Whether a text, or every text of a list, is free of personal identity numbers. */
export function freeOfIdentityNumbers(value: unknown): boolean {
  if (typeof value === 'string') return !containsPersonalIdentityNumber(value);
  if (Array.isArray(value)) return value.every(freeOfIdentityNumbers);
  return true;
}

/**
 * Refuses free text that holds a personal identity number (personnummer or samordningsnummer,
 * however disguised: see `containsPersonalIdentityNumber`), as BAD_USER_INPUT naming the field.
 * On a list it checks every item. Anything that is not text is left to the other validators.
 */
export const NoIdentityNumber = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'noIdentityNumber',
      validator: {
        validate: (value: unknown) => freeOfIdentityNumbers(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'text'} ${NO_IDENTITY_NUMBER_MESSAGE}`,
      },
    },
    options,
  );
