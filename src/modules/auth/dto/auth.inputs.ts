import { DisplayName, DISPLAY_NAME_DESCRIPTION } from '../../../common/display-name';
import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { PasswordService, Person, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../people';
import { TwoFactorStep } from '../entities/two-factor-challenge.entity';

/** Whose password it is (the address and name it must not be made of). */
type PasswordOwner = NonNullable<Parameters<typeof PasswordService.weakness>[1]>;

/**
 * Refuses a weak password (`PasswordService.weakness`) before the operation runs, judged against
 * the owner named in the same input, so the answer never depends on whether an account exists.
 */
function IsStrongPassword(owner: (input: object) => PasswordOwner): PropertyDecorator {
  const weakness = (args: ValidationArguments) =>
    typeof args.value === 'string'
      ? PasswordService.weakness(args.value, owner(args.object))
      : null;
  return ValidateBy({
    name: 'isStrongPassword',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => !args || weakness(args) === null,
      defaultMessage: (args?: ValidationArguments) =>
        (args && weakness(args)) ?? 'password is too weak',
    },
  });
}

@InputType({ description: 'A new account.' })
export class RegisterInput {
  @Field({ description: 'Email address; also the login.' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field({
    description:
      `Password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, hard to guess: ` +
      'common passwords, words, names, keyboard patterns and your own address or name are ' +
      'refused (BAD_USER_INPUT saying why). A few uncommon words make a good one.',
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @IsStrongPassword((input: Partial<RegisterInput>) => ({
    email: input.email,
    displayName: input.displayName,
  }))
  password: string;

  @Field({ description: DISPLAY_NAME_DESCRIPTION })
  @IsString()
  @Length(1, 120)
  @DisplayName()
  displayName: string;
}

@InputType({ description: 'Email address and password.' })
export class LoginInput {
  @Field({ description: 'Email address.' })
  @IsString()
  @MaxLength(254)
  email: string;

  @Field({ description: 'Password.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

@InputType({ description: 'A refresh token to exchange.' })
export class RefreshTokenInput {
  @Field({ description: 'The refresh token from the last AuthPayload; it can be used once.' })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

@InputType({ description: 'How much to sign out of.' })
export class LogoutInput {
  @Field({
    nullable: true,
    defaultValue: false,
    description: 'True: end every session of yours, on every device.',
  })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}

@InputType({ description: 'A new password; other sessions are signed out.' })
export class ChangePasswordInput {
  @Field({ description: 'Your current password.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @Field({
    description:
      `The new password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, hard to ` +
      'guess (see `RegisterInput.password`); a weak one is BAD_USER_INPUT on this field.',
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword: string;
}

@ObjectType({ description: 'Tokens for a signed-in person.' })
export class AuthPayload {
  @Field({ description: 'Short-lived JWT; send as `Authorization: Bearer <token>`.' })
  accessToken: string;

  @Field({ description: 'When the access token expires.' })
  accessTokenExpiresAt: Date;

  @Field({
    description: 'Exchange with `refreshToken` for new tokens; each refresh token works once.',
  })
  refreshToken: string;

  @Field({ description: 'When the refresh token expires.' })
  refreshTokenExpiresAt: Date;

  @Field(() => Person, { description: 'The signed-in person.' })
  person: Person;
}

registerEnumType(TwoFactorStep, {
  name: 'TwoFactorStep',
  description: 'What the second step of a sign-in asks for.',
  valuesMap: {
    CODE: {
      description:
        'A code from the authenticator app, or a recovery code: `completeTwoFactorLogin`.',
    },
    SETUP: {
      description:
        'The account must set up an authenticator first (its role requires one): ' +
        '`startTwoFactorSetup` and then `confirmTwoFactor`, each with the challenge.',
    },
  },
});

@ObjectType({
  description:
    'The second step of a sign-in: the password was right, and the account has two-factor ' +
    'sign-in or its role (ADMIN, MUNICIPAL_OFFICER, SOCIAL_SERVICES) requires it.',
})
export class TwoFactorChallenge {
  @Field({
    description:
      'Pass this to the next step. It is valid for 5 minutes, gives one session, and grants ' +
      'nothing else: no operation accepts it as a credential.',
  })
  challenge: string;

  @Field({ description: 'When the challenge stops working (sign in again then).' })
  expiresAt: Date;

  @Field(() => TwoFactorStep, { description: 'What to do next.' })
  next: TwoFactorStep;
}

@ObjectType({
  description:
    'The answer to `login`: either tokens (the same fields as `AuthPayload`), or, when a second ' +
    'factor is needed, no tokens and a `twoFactorChallenge`. An account whose role requires two-' +
    'factor sign-in never gets tokens here, not even before it has set up an authenticator.',
})
export class LoginPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'Short-lived JWT; send as `Authorization: Bearer <token>`. Null when a second step is needed.',
  })
  accessToken: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the access token expires; null with the access token.',
  })
  accessTokenExpiresAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Exchange with `refreshToken` for new tokens (works once); null with the access token.',
  })
  refreshToken: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the refresh token expires; null with the access token.',
  })
  refreshTokenExpiresAt: Date | null;

  @Field(() => Person, {
    nullable: true,
    description: 'The signed-in person; null until the second step is done.',
  })
  person: Person | null;

  @Field(() => TwoFactorChallenge, {
    nullable: true,
    description:
      'Set when a second step is needed: give a code (`next: CODE`) or set up an authenticator ' +
      '(`next: SETUP`). Null when the tokens are here.',
  })
  twoFactorChallenge: TwoFactorChallenge | null;
}

@InputType({ description: 'The token from an address-verification link.' })
export class VerifyEmailInput {
  @Field({ description: 'The `token` of the link in the mail.' })
  @IsString()
  @Length(20, 200)
  token: string;
}

@ObjectType({ description: 'What happens after `register`: the same answer for every address.' })
export class RegisterPayload {
  @Field({ description: 'The address, as it will be used.' })
  email: string;

  @Field({
    description:
      'What to do next: open the link mailed to the address, then sign in. (An address that ' +
      'already has an account gets a mail saying so instead.)',
  })
  message: string;
}
