import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { RequireSystemRole } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import {
  CreateGrantProgrammeInput,
  GrantProgrammeConnection,
  GrantProgrammeIdInput,
  GrantProgrammesArgs,
  UpdateGrantProgrammeInput,
} from './dto/grant-programme.inputs';
import { GrantProgramme } from './entities/grant-programme.entity';
import { GrantProgrammesService } from './grant-programmes.service';

@Resolver(() => GrantProgramme)
export class GrantProgrammesResolver {
  constructor(private readonly programmes: GrantProgrammesService) {}

  @Query(() => GrantProgrammeConnection, {
    description:
      'Grant programmes, newest application window first: every signed-in person sees those not in DRAFT; ' +
      'municipal officers also see drafts.',
  })
  grantProgrammes(
    @CurrentActor() actor: Actor,
    @Args() args: GrantProgrammesArgs,
  ): Promise<ConnectionShape<GrantProgramme>> {
    return this.programmes.list(actor, args);
  }

  @Query(() => GrantProgramme, {
    description: 'One grant programme (a DRAFT only for municipal officers).',
  })
  grantProgramme(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID, description: 'The programme.' }) id: string,
  ): Promise<GrantProgramme> {
    return this.programmes.getVisible(actor, id);
  }

  @Mutation(() => GrantProgramme, {
    description: 'Creates a grant programme as DRAFT. MUNICIPAL_OFFICER.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  createGrantProgramme(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The programme.' }) input: CreateGrantProgrammeInput,
  ): Promise<GrantProgramme> {
    return this.programmes.create(actor, input);
  }

  @Mutation(() => GrantProgramme, {
    description: 'Changes a DRAFT programme. MUNICIPAL_OFFICER.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  updateGrantProgramme(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The changes.' }) input: UpdateGrantProgrammeInput,
  ): Promise<GrantProgramme> {
    return this.programmes.update(actor, input);
  }

  @Mutation(() => GrantProgramme, {
    description:
      'DRAFT → OPEN: publishes the programme; organisations apply from opensAt until closesAt. MUNICIPAL_OFFICER.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  openGrantProgramme(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The programme.' }) input: GrantProgrammeIdInput,
  ): Promise<GrantProgramme> {
    return this.programmes.open(actor, input);
  }

  @Mutation(() => GrantProgramme, {
    description:
      'OPEN → CLOSED: no more applications (also done automatically at closesAt); DECIDED at once when no ' +
      'application waits for a decision. MUNICIPAL_OFFICER.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  closeGrantProgramme(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The programme.' }) input: GrantProgrammeIdInput,
  ): Promise<GrantProgramme> {
    return this.programmes.close(actor, input);
  }

  @Mutation(() => GrantProgramme, {
    description:
      'DECIDED → ARCHIVED: closes the books, once every award has an approved follow-up report, is paid in full ' +
      '(release an unpaid rest first with a negative recordAdjustment) and no unspent money is owed back; ' +
      'INVALID_STATE_TRANSITION otherwise, naming the applications. No money moves afterwards. MUNICIPAL_OFFICER.',
  })
  @RequireSystemRole(SystemRole.MUNICIPAL_OFFICER)
  archiveGrantProgramme(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The programme.' }) input: GrantProgrammeIdInput,
  ): Promise<GrantProgramme> {
    return this.programmes.archive(actor, input);
  }
}
