import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments } from 'class-validator';
import { NO_IDENTITY_NUMBER_MESSAGE } from './free-text';
import { containsPersonalIdentityNumber } from './personal-identity-number';

/**
 * The label shown instead of a protected person's name. It is the people module's
 * PROTECTED_IDENTITY_NAME (the shared layers import no module; test/free-text.e2e-spec.ts checks
 * that the two agree).
 */
export const PROTECTED_IDENTITY_LABEL = 'Skyddad identitet';

/** For the schema: what a display name field accepts. */
export const DISPLAY_NAME_DESCRIPTION =
  'Name shown to others (1–120 characters, stored trimmed and NFC-normalised). Refused: a name with ' +
  `nothing visible in it, with control or direction-override characters, the label "${PROTECTED_IDENTITY_LABEL}", ` +
  'or a personal identity number.';

/** White space, format characters (zero-width space, bidi controls, …) and controls at either end. */
const EDGES = /^[\s\p{Cf}\p{Cc}]+|[\s\p{Cf}\p{Cc}]+$/gu;
/** A character that shows: not white space, a control, format, private or unassigned character, a lone mark, a default ignorable (Hangul filler, variation selector) or the blank braille pattern. */
const VISIBLE = /[^\s\p{Z}\p{C}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/u;
/** Controls, and the bidi embeddings, overrides and isolates that reorder what follows them. */
const CONTROL_OR_OVERRIDE = /\p{Cc}|[\u202a-\u202e\u2066-\u2069]/u;

/** A name as stored: NFC, without white space or invisible characters at either end. */
export function normaliseDisplayName(name: string): string {
  return name.normalize('NFC').replace(EDGES, '');
}

/** The letters and digits of a name, lower case, for comparing names that only look alike. */
function skeleton(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('sv')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const LABEL_SKELETON = skeleton(PROTECTED_IDENTITY_LABEL);

/** Why a display name is refused, or null when it is fine (for a name already normalised). */
export function displayNameProblem(name: string): string | null {
  if (!VISIBLE.test(name)) return 'must contain a visible character';
  if (CONTROL_OR_OVERRIDE.test(name)) {
    return 'must not contain control or direction-override characters';
  }
  if (skeleton(name) === LABEL_SKELETON) {
    return `must not be "${PROTECTED_IDENTITY_LABEL}", the label shown for a protected identity`;
  }
  if (containsPersonalIdentityNumber(name)) return NO_IDENTITY_NUMBER_MESSAGE;
  return null;
}

/**
 * A person's name as others see it: normalised (NFC, trimmed of white space and invisible
 * characters) before it is validated, and refused (BAD_USER_INPUT naming the field) when nothing in
 * it shows, when it holds a control or direction-override character, when it is the protected
 * identity label "Skyddad identitet" in any case or spacing, or when it holds a personal identity
 * number. Use it instead of `@Trim()`, next to `@IsString()` and a length.
 */
export const DisplayName = (): PropertyDecorator => (target, property) => {
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseDisplayName(value) : value,
  )(target, property);
  ValidateBy({
    name: 'displayName',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || displayNameProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'displayName'} ${
          (typeof args?.value === 'string' && displayNameProblem(args.value)) || 'is not a name'
        }`,
    },
  })(target, property);
};
