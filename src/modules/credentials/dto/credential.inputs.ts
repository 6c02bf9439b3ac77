import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { LocalDateScalar } from '../../../graphql/scalars';
import { CredentialKind } from '../entities/credential.entity';
import { LocalDateWithinYears, YEARS_AHEAD } from '../../../common/date-bounds';

@InputType({
  description:
    'Records that a member has shown a credential. Added by the member: waits for an ORG_ADMIN to ' +
    'verify it. Added by an ORG_ADMIN for another member: verified at once.',
})
export class AddCredentialInput {
  @Field(() => ID, { description: 'The organisation the credential is shown to.' })
  @IsUUID()
  organisationId: string;

  @Field(() => ID, { nullable: true, description: 'Whose credential; yourself when left out.' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @Field(() => CredentialKind, { description: 'Kind of credential.' })
  @IsEnum(CredentialKind)
  kind: CredentialKind;

  @Field(() => LocalDateScalar, {
    description:
      'Last day it is valid (YYYY-MM-DD), today or later, at most twenty years from today.',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date, YYYY-MM-DD' })
  @LocalDateWithinYears(YEARS_AHEAD.credential)
  validUntil: string;
}

@InputType({
  description: 'Verifies a credential. ORG_ADMIN of its organisation, not for your own.',
})
export class VerifyCredentialInput {
  @Field(() => ID, { description: 'The credential.' })
  @IsUUID()
  credentialId: string;
}
