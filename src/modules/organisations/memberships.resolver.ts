import { AcceptInvitationInput } from './dto/invitation.inputs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import {
  ChangeMemberRoleInput,
  InviteMemberInput,
  LeaveOrganisationInput,
  MembershipIdInput,
} from './dto/membership.inputs';
import { Membership } from './entities/membership.entity';
import { MembershipsService } from './memberships.service';

@Resolver(() => Membership)
export class MembershipsResolver {
  constructor(private readonly memberships: MembershipsService) {}

  @Mutation(() => Membership, {
    description: 'Invites someone by email address (they may not have an account yet). ORG_ADMIN.',
  })
  inviteMember(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'Who, where and with which role.' }) input: InviteMemberInput,
  ): Promise<Membership> {
    return this.memberships.invite(actor, input);
  }

  @Mutation(() => Membership, {
    description:
      'Accepts an open invitation: sent to your verified address, or with the code from its mail ' +
      '(for a verified account). Expired: INVALID_STATE_TRANSITION; unverified address: FORBIDDEN.',
  })
  acceptInvitation(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The invitation.' }) input: AcceptInvitationInput,
  ): Promise<Membership> {
    return this.memberships.accept(actor, input);
  }

  @Mutation(() => Membership, { description: 'Declines an invitation addressed to you.' })
  declineInvitation(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The invitation.' }) input: MembershipIdInput,
  ): Promise<Membership> {
    return this.memberships.decline(actor, input);
  }

  @Mutation(() => Membership, {
    description: "Changes a member's role; the last ORG_ADMIN cannot be demoted. ORG_ADMIN.",
  })
  changeMemberRole(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The membership and the new role.' })
    input: ChangeMemberRoleInput,
  ): Promise<Membership> {
    return this.memberships.changeRole(actor, input);
  }

  @Mutation(() => Membership, {
    description:
      'Removes a member or withdraws an invitation; the last ORG_ADMIN cannot be removed. ORG_ADMIN.',
  })
  removeMember(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The membership.' }) input: MembershipIdInput,
  ): Promise<Membership> {
    return this.memberships.remove(actor, input);
  }

  @Mutation(() => Membership, {
    description: 'Leaves an organisation; the last ORG_ADMIN cannot leave.',
  })
  leaveOrganisation(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The organisation.' }) input: LeaveOrganisationInput,
  ): Promise<Membership> {
    return this.memberships.leave(actor, input);
  }
}
