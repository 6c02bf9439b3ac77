import { Args, Context, ID, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { GraphQLContext } from '../../graphql/context';
import { MANAGERS, Organisation, OrganisationAccess, OrganisationsService } from '../organisations';
import { Person, PeopleService, seesPrivateFieldsOf } from '../people';
import { CredentialsService } from './credentials.service';
import { Credential } from './entities/credential.entity';

@Resolver(() => Credential)
export class CredentialFieldsResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly organisations: OrganisationsService,
  ) {}

  @ResolveField(() => Boolean, { description: 'Whether an ORG_ADMIN has verified it.' })
  verified(@Parent() credential: Credential): boolean {
    return credential.verifiedAt !== null;
  }

  @ResolveField(() => Person, { description: 'Whose credential it is.' })
  async person(
    @Parent() credential: Credential,
    @Context() context: GraphQLContext,
  ): Promise<Person> {
    const person = await context.loaders.get(this.people.byId).load(credential.personId);
    if (!person) throw new Error(`Credential ${credential.id} names a missing person`);
    return person;
  }

  @ResolveField(() => Organisation, { description: 'The organisation it was shown to.' })
  async organisation(
    @Parent() credential: Credential,
    @Context() context: GraphQLContext,
  ): Promise<Organisation> {
    const organisation = await context.loaders
      .get(this.organisations.byId)
      .load(credential.organisationId);
    if (!organisation) throw new Error(`Credential ${credential.id} names a missing organisation`);
    return organisation;
  }
}

/** Adds `Person.credentials` (the person's own, for the person and ADMIN). */
@Resolver(() => Person)
export class PersonCredentialsResolver {
  constructor(private readonly credentialsService: CredentialsService) {}

  @ResolveField(() => [Credential], {
    nullable: true,
    description:
      'Credentials recorded for the person, latest expiry first; only for the person and ADMIN.',
  })
  credentials(
    @Parent() person: Person,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Credential[]> | null {
    return seesPrivateFieldsOf(actor, person)
      ? context.loaders.get(this.credentialsService.byPerson).load(person.id)
      : null;
  }
}

/** Adds `Organisation.credentials` (for its ORG_ADMIN and COORDINATOR). */
@Resolver(() => Organisation)
export class OrganisationCredentialsResolver {
  constructor(
    private readonly credentialsService: CredentialsService,
    private readonly access: OrganisationAccess,
  ) {}

  @ResolveField(() => [Credential], {
    nullable: true,
    description:
      'Credentials members have shown to the organisation. Its ORG_ADMIN and COORDINATOR only.',
  })
  async credentials(
    @Parent() organisation: Organisation,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
    @Args('personId', {
      type: () => ID,
      nullable: true,
      description: "Only this member's credentials.",
    })
    personId?: string,
  ): Promise<Credential[]> {
    await this.access.requireRole(actor, organisation.id, MANAGERS);
    const all = await context.loaders
      .get(this.credentialsService.byOrganisation)
      .load(organisation.id);
    return personId ? all.filter((credential) => credential.personId === personId) : all;
  }
}
