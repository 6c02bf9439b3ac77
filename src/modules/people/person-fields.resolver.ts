import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { Locale, Person } from './entities/person.entity';
import { seesPrivateFieldsOf } from './people.service';

export const PROTECTED_IDENTITY_NAME = 'Skyddad identitet';

/**
 * Who sees what of a person: the name for everyone who can reach the person, replaced by
 * "Skyddad identitet" for a protected identity except for ADMIN and the person; private fields only
 * for the person and ADMIN (null for everyone else).
 */
@Resolver(() => Person)
export class PersonFieldsResolver {
  @ResolveField(() => String, {
    description:
      'Name shown to others; "Skyddad identitet" for a protected identity (except to ADMIN and the person).',
  })
  displayName(@Parent() person: Person, @CurrentActor() actor: Actor): string {
    if (person.protectedIdentity && !seesPrivateFieldsOf(actor, person))
      return PROTECTED_IDENTITY_NAME;
    return person.displayName;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Email address; only for the person and ADMIN.',
  })
  email(@Parent() person: Person, @CurrentActor() actor: Actor): string | null {
    return seesPrivateFieldsOf(actor, person) ? person.email : null;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description:
      'Whether the address is verified (until then no membership, no invitation); only for the person and ADMIN.',
  })
  emailVerified(@Parent() person: Person, @CurrentActor() actor: Actor): boolean | null {
    return seesPrivateFieldsOf(actor, person) ? person.emailVerifiedAt !== null : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Phone number; only for the person and ADMIN.',
  })
  phone(@Parent() person: Person, @CurrentActor() actor: Actor): string | null {
    return seesPrivateFieldsOf(actor, person) ? person.phone : null;
  }

  @ResolveField(() => SystemRole, {
    nullable: true,
    description: 'System role; only for the person and ADMIN.',
  })
  systemRole(@Parent() person: Person, @CurrentActor() actor: Actor): SystemRole | null {
    return seesPrivateFieldsOf(actor, person) ? person.systemRole : null;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'Whether the identity is protected; only for the person and ADMIN.',
  })
  protectedIdentity(@Parent() person: Person, @CurrentActor() actor: Actor): boolean | null {
    return seesPrivateFieldsOf(actor, person) ? person.protectedIdentity : null;
  }

  @ResolveField(() => Locale, {
    nullable: true,
    description: 'Preferred language; only for the person and ADMIN.',
  })
  locale(@Parent() person: Person, @CurrentActor() actor: Actor): Locale | null {
    return seesPrivateFieldsOf(actor, person) ? person.locale : null;
  }
}
