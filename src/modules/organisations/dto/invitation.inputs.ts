import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

@InputType({ description: 'Accepts an invitation: to your verified address, or with its code.' })
export class AcceptInvitationInput {
  @Field(() => ID, { description: 'The invitation.' })
  @IsUUID()
  membershipId: string;

  @Field({
    nullable: true,
    description:
      'The invitation code from the mail, when your account has another (verified) address ' +
      'than the one invited.',
  })
  @IsOptional()
  @IsString()
  @Length(20, 200)
  token?: string;
}
