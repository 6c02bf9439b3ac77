import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Trim } from '../../../common/validation';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Person, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../people';

@InputType({ description: 'A new account.' })
export class RegisterInput {
  @Field({ description: 'Email address; also the login.' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field({ description: `Password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password: string;

  @Field({ description: 'Name shown to others.' })
  @IsString()
  @Length(1, 120)
  @Trim()
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
    description: `The new password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
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
