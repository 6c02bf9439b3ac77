import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AuthPayload } from './auth.inputs';

const CHALLENGE_DESCRIPTION =
  'The `twoFactorChallenge.challenge` from `login` (`next: SETUP`), for an account that must set ' +
  'up an authenticator before it can sign in; leave it out when signed in.';

@InputType({ description: 'Whose authenticator to set up: yours, or the signing-in account’s.' })
export class StartTwoFactorSetupInput {
  @Field({ nullable: true, description: CHALLENGE_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  challenge?: string;
}

@ObjectType({
  description:
    'A new authenticator secret, shown this once: add it to an authenticator app, then confirm ' +
    'it with a code (`confirmTwoFactor`). Until then sign-in is unchanged.',
})
export class TwoFactorSetup {
  @Field({ description: 'The TOTP secret (base32), to type into an authenticator app.' })
  secret: string;

  @Field({
    description: 'The same as an `otpauth://totp/…` URL (SHA-1, 6 digits, 30 s), for a QR code.',
  })
  otpauthUrl: string;
}

@InputType({ description: 'A code from the authenticator being set up.' })
export class ConfirmTwoFactorInput {
  @Field({ description: 'The six-digit code the authenticator app shows now.' })
  @IsString()
  @MaxLength(20)
  code: string;

  @Field({ nullable: true, description: CHALLENGE_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  challenge?: string;
}

@ObjectType({ description: 'Two-factor sign-in is on.' })
export class TwoFactorConfirmation {
  @Field(() => [String], {
    description:
      'Ten recovery codes, shown this once: each signs in once without the authenticator. ' +
      'They replace any earlier ones.',
  })
  recoveryCodes: string[];

  @Field(() => AuthPayload, {
    nullable: true,
    description:
      'The session, when this confirmed the setup of a signing-in account (with `challenge`); ' +
      'null when you were signed in already.',
  })
  session: AuthPayload | null;
}

@InputType({
  description: 'The second step of a sign-in: the challenge and either a code or a recovery code.',
})
export class CompleteTwoFactorLoginInput {
  @Field({ description: 'The `twoFactorChallenge.challenge` from `login` (`next: CODE`).' })
  @IsString()
  @MaxLength(200)
  challenge: string;

  @Field({ nullable: true, description: 'The six-digit code the authenticator app shows now.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string;

  @Field({
    nullable: true,
    description: 'Instead of a code: one of your recovery codes (it then stops working).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recoveryCode?: string;
}

@InputType({ description: 'Proof that you hold the second factor: a code or a recovery code.' })
export class DisableTwoFactorInput {
  @Field({ nullable: true, description: 'The six-digit code the authenticator app shows now.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string;

  @Field({ nullable: true, description: 'Instead of a code: one of your recovery codes.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recoveryCode?: string;
}

@ObjectType({ description: 'Your two-factor sign-in.' })
export class TwoFactorStatus {
  @Field({ description: 'Whether sign-in asks for a code from your authenticator.' })
  enabled: boolean;

  @Field({
    description:
      'Whether your role requires it (ADMIN, MUNICIPAL_OFFICER, SOCIAL_SERVICES): it cannot be ' +
      'turned off, and sign-in needs it set up.',
  })
  required: boolean;

  @Field(() => Int, { description: 'How many of your recovery codes are still unused.' })
  recoveryCodesLeft: number;
}
