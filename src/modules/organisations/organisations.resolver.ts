import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { Public, RequireSystemRole } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import { OrganisationConnection } from './dto/organisation-connection.type';
import {
  OrganisationDecisionInput,
  OrganisationsArgs,
  RegisterOrganisationInput,
  UpdateOrganisationInput,
} from './dto/organisation.inputs';
import { Organisation, OrganisationStatus } from './entities/organisation.entity';
import { OrganisationsService } from './organisations.service';

@Resolver(() => Organisation)
export class OrganisationsResolver {
  constructor(private readonly organisationsService: OrganisationsService) {}

  @Query(() => Organisation, {
    description: 'One organisation: public when VERIFIED, otherwise for its members and officers.',
  })
  @Public()
  organisation(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'The organisation.' }) id: string,
  ): Promise<Organisation> {
    return this.organisationsService.getVisible(actor, id);
  }

  @Query(() => OrganisationConnection, {
    description:
      'The directory of verified organisations, by name. Public; officers may filter by status.',
  })
  @Public()
  organisations(
    @CurrentActor() actor: Actor,
    @Args() args: OrganisationsArgs,
  ): Promise<ConnectionShape<Organisation>> {
    return this.organisationsService.list(actor, args);
  }

  @Mutation(() => Organisation, {
    description:
      'Registers an organisation (PENDING until an officer verifies it); you become its ORG_ADMIN.',
  })
  registerOrganisation(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The organisation.' }) input: RegisterOrganisationInput,
  ): Promise<Organisation> {
    return this.organisationsService.register(actor, input);
  }

  @Mutation(() => Organisation, {
    description: "Changes an organisation's public details. ORG_ADMIN.",
  })
  updateOrganisation(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The changes.' }) input: UpdateOrganisationInput,
  ): Promise<Organisation> {
    return this.organisationsService.update(actor, input);
  }

  @Mutation(() => Organisation, {
    description: 'Verifies a PENDING or reinstates a SUSPENDED organisation. MUNICIPAL_OFFICER.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  verifyOrganisation(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The organisation and an optional note.' })
    input: OrganisationDecisionInput,
  ): Promise<Organisation> {
    return this.organisationsService.decide(actor, input, OrganisationStatus.VERIFIED);
  }

  @Mutation(() => Organisation, {
    description: 'Rejects a PENDING organisation, with a reason. MUNICIPAL_OFFICER.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  rejectOrganisation(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The organisation and the reason.' })
    input: OrganisationDecisionInput,
  ): Promise<Organisation> {
    return this.organisationsService.decide(actor, input, OrganisationStatus.REJECTED);
  }

  @Mutation(() => Organisation, {
    description: 'Suspends a VERIFIED organisation, with a reason. MUNICIPAL_OFFICER.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  suspendOrganisation(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The organisation and the reason.' })
    input: OrganisationDecisionInput,
  ): Promise<Organisation> {
    return this.organisationsService.decide(actor, input, OrganisationStatus.SUSPENDED);
  }
}
