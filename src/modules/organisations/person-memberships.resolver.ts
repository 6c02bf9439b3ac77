import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { Person, seesPrivateFieldsOf } from '../people';
import { Membership } from './entities/membership.entity';
import { MembershipsService } from './memberships.service';

/** Adds `Person.memberships` (the people module does not know about organisations). */
@Resolver(() => Person)
export class PersonMembershipsResolver {
  constructor(private readonly membershipsService: MembershipsService) {}

  @ResolveField(() => [Membership], {
    nullable: true,
    description:
      'Live memberships and open invitations (including ones sent to your address before you had ' +
      'an account); only for the person and ADMIN.',
  })
  memberships(
    @Parent() person: Person,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Membership[]> | null {
    return seesPrivateFieldsOf(actor, person)
      ? context.loaders.get(this.membershipsService.liveByPerson).load(person)
      : null;
  }
}
