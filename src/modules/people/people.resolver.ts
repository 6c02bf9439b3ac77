import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { RequireSystemRole } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import {
  CreateStaffAccountInput,
  SetProtectedIdentityInput,
  UpdateProfileInput,
} from './dto/people.inputs';
import { Person } from './entities/person.entity';
import { PeopleService } from './people.service';

@Resolver(() => Person)
export class PeopleResolver {
  constructor(private readonly people: PeopleService) {}

  @Query(() => Person, { description: 'The signed-in person.' })
  me(@CurrentActor() actor: Actor): Promise<Person> {
    return this.people.me(actor);
  }

  @Mutation(() => Person, {
    description:
      'Creates an account with a system role, its address taken as verified. ADMIN only.',
  })
  @RequireSystemRole(SystemRole.ADMIN)
  createStaffAccount(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The account to create.' }) input: CreateStaffAccountInput,
  ): Promise<Person> {
    return this.people.create(actor, input, { emailVerified: true });
  }

  @Mutation(() => Person, { description: 'Changes your own name, phone number or language.' })
  updateProfile(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The changes.' }) input: UpdateProfileInput,
  ): Promise<Person> {
    return this.people.updateProfile(actor, input);
  }

  @Mutation(() => Person, {
    description:
      'Turns protected identity (skyddad identitet) on or off: for yourself, or anyone as ADMIN.',
  })
  setProtectedIdentity(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'Whose, and on or off.' }) input: SetProtectedIdentityInput,
  ): Promise<Person> {
    return this.people.setProtectedIdentity(actor, input);
  }
}
