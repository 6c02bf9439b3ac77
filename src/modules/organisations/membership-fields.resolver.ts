import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, isAdmin } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { Person, PeopleService, seesPrivateFieldsOf } from '../people';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { MANAGERS, OrganisationAccess } from './organisation-access.service';
import { OrganisationsService } from './organisations.service';

/**
 * Relation fields of a membership. A membership is only ever reached through something the actor
 * may see (their own memberships, their organisation's members, a mutation they made), so its
 * organisation and person follow; the invited address is for the organisation's managers and the
 * invitee.
 */
@Resolver(() => Membership)
export class MembershipFieldsResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleService,
    private readonly access: OrganisationAccess,
  ) {}

  @ResolveField(() => Organisation, { description: 'The organisation.' })
  async organisation(
    @Parent() membership: Membership,
    @Context() context: GraphQLContext,
  ): Promise<Organisation> {
    const organisation = await context.loaders
      .get(this.organisations.byId)
      .load(membership.organisationId);
    if (!organisation) throw new Error(`Membership ${membership.id} names a missing organisation`);
    return organisation;
  }

  @ResolveField(() => Person, {
    nullable: true,
    description: 'The member; null while an invitation waits for someone without an account.',
  })
  person(
    @Parent() membership: Membership,
    @Context() context: GraphQLContext,
  ): Promise<Person | null> | null {
    return membership.personId
      ? context.loaders.get(this.people.byId).load(membership.personId)
      : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "Address the invitation was sent to; for the organisation's ORG_ADMIN and COORDINATOR, and the invitee.",
  })
  async invitedEmail(
    @Parent() membership: Membership,
    @CurrentActor() actor: Actor,
  ): Promise<string | null> {
    if (!membership.invitedEmail) return null;
    if (membership.personId && !isAdmin(actor)) {
      // Never a protected person's address, to anyone but themself and ADMIN.
      const person = await this.people.get(membership.personId);
      if (person.protectedIdentity && !seesPrivateFieldsOf(actor, person)) return null;
    }
    if (
      isAdmin(actor) ||
      (membership.personId && seesPrivateFieldsOf(actor, { id: membership.personId }))
    ) {
      return membership.invitedEmail;
    }
    if (await this.access.hasRole(actor, membership.organisationId, MANAGERS)) {
      return membership.invitedEmail;
    }
    return null;
  }
}
