import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, isPerson } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { Person } from '../people';
import { TwoFactorStatus } from './dto/two-factor.inputs';
import { TwoFactorService } from './two-factor.service';

/** Adds the person's own two-factor sign-in to `Person`. */
@Resolver(() => Person)
export class TwoFactorFieldsResolver {
  constructor(private readonly twoFactors: TwoFactorService) {}

  @ResolveField(() => TwoFactorStatus, {
    nullable: true,
    description: 'Your two-factor sign-in; null for anyone but yourself.',
  })
  async twoFactor(
    @Parent() person: Person,
    @CurrentActor() actor: Actor,
  ): Promise<TwoFactorStatus | null> {
    if (!isPerson(actor) || actor.personId !== person.id) return null;
    return this.twoFactors.status(person);
  }
}
