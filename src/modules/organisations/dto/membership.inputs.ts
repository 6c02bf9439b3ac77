import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsUUID, MaxLength } from 'class-validator';
import { MembershipRole } from '../entities/membership.entity';

@InputType({
  description: 'Invites someone, with or without an account, to an organisation. ORG_ADMIN.',
})
export class InviteMemberInput {
  @Field(() => ID, { description: 'The organisation.' })
  @IsUUID()
  organisationId: string;

  @Field({
    description: 'Email address of the person to invite; the invitation waits for them to sign up.',
  })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field(() => MembershipRole, { description: 'The role they will have.' })
  @IsEnum(MembershipRole)
  role: MembershipRole;
}

@InputType({ description: 'Names one membership or invitation.' })
export class MembershipIdInput {
  @Field(() => ID, { description: 'The membership or invitation.' })
  @IsUUID()
  membershipId: string;
}

@InputType({ description: "Changes a member's role. ORG_ADMIN." })
export class ChangeMemberRoleInput {
  @Field(() => ID, { description: 'The membership.' })
  @IsUUID()
  membershipId: string;

  @Field(() => MembershipRole, { description: 'The new role.' })
  @IsEnum(MembershipRole)
  role: MembershipRole;
}

@InputType({ description: 'Leaves an organisation you are a member of.' })
export class LeaveOrganisationInput {
  @Field(() => ID, { description: 'The organisation.' })
  @IsUUID()
  organisationId: string;
}
