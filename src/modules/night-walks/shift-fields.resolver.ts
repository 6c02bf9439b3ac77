import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, hasSystemRole, isPerson, SystemRole } from '../../common/actor';
import { Public } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { DomainError } from '../../common/errors/domain-error';
import type { GraphQLContext } from '../../graphql/context';
import { District, DistrictsService } from '../districts';
import { MANAGERS, Organisation, OrganisationAccess, OrganisationsService } from '../organisations';
import { Shift } from './entities/shift.entity';
import { LIVE_SIGNUP_STATUSES, liveSignupOf, Signup, SignupStatus } from './entities/signup.entity';
import { WalkReport } from './entities/walk-report.entity';
import { ShiftsService } from './shifts.service';
import { WalkReportsService } from './walk-reports.service';

@Resolver(() => Shift)
export class ShiftFieldsResolver {
  constructor(
    private readonly shifts: ShiftsService,
    private readonly reports: WalkReportsService,
    private readonly organisations: OrganisationsService,
    private readonly districts: DistrictsService,
    private readonly access: OrganisationAccess,
  ) {}

  @ResolveField(() => Organisation, { description: 'The organisation that runs the walk.' })
  @Public()
  async organisation(
    @Parent() shift: Shift,
    @Context() context: GraphQLContext,
  ): Promise<Organisation> {
    const organisation = await context.loaders
      .get(this.organisations.byId)
      .load(shift.organisationId);
    if (!organisation) throw new Error(`Shift ${shift.id} names a missing organisation`);
    return organisation;
  }

  @ResolveField(() => District, { description: 'The district walked.' })
  @Public()
  async district(@Parent() shift: Shift, @Context() context: GraphQLContext): Promise<District> {
    const district = await context.loaders.get(this.districts.byId).load(shift.districtId);
    if (!district) throw new Error(`Shift ${shift.id} names a missing district`);
    return district;
  }

  @ResolveField(() => Int, { description: 'Places still free.' })
  @Public()
  availablePlaces(@Parent() shift: Shift): number {
    return Math.max(0, shift.maxWalkers - shift.confirmedCount);
  }

  @ResolveField(() => Boolean, { description: 'Fewer walkers confirmed than minWalkers.' })
  @Public()
  understaffed(@Parent() shift: Shift): boolean {
    return shift.confirmedCount < shift.minWalkers;
  }

  @ResolveField(() => [Signup], {
    nullable: true,
    description:
      "Who is signed up, in order of arrival: for the organisation's COORDINATOR and ORG_ADMIN and for walkers " +
      'signed up for this walk. Everyone else sees the counts only (this field is null, with an error).',
  })
  async signups(
    @Parent() shift: Shift,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
    @Args('status', {
      type: () => [SignupStatus],
      nullable: true,
      defaultValue: LIVE_SIGNUP_STATUSES,
      description: 'Which statuses to include (default all but CANCELLED).',
    })
    requested: SignupStatus[] | null,
  ): Promise<Signup[]> {
    const statuses = requested ?? LIVE_SIGNUP_STATUSES;
    const all = await context.loaders.get(this.shifts.signupsByShift).load(shift.id);
    const walker = isPerson(actor) && liveSignupOf(all, actor.personId) !== undefined;
    if (!walker && !(await this.access.hasRole(actor, shift.organisationId, MANAGERS))) {
      throw DomainError.forbidden(
        'Only the coordinators and the walkers of this walk see who is signed up',
      );
    }
    return all.filter((signup) => statuses.includes(signup.status));
  }

  @ResolveField(() => Signup, {
    nullable: true,
    description: 'Your live signup for this walk, if any.',
  })
  async mySignup(
    @Parent() shift: Shift,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<Signup | null> {
    if (!isPerson(actor)) return null;
    const all = await context.loaders.get(this.shifts.signupsByShift).load(shift.id);
    return liveSignupOf(all, actor.personId) ?? null;
  }

  @ResolveField(() => WalkReport, {
    nullable: true,
    description:
      "The walk report, once submitted: for the organisation's members and municipal officers.",
  })
  async report(
    @Parent() shift: Shift,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLContext,
  ): Promise<WalkReport | null> {
    if (
      !hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER) &&
      !(await this.access.isActiveMember(actor, shift.organisationId))
    ) {
      throw DomainError.forbidden(
        "Only the organisation's members and municipal officers read walk reports",
      );
    }
    return context.loaders.get(this.reports.byShift).load(shift.id);
  }
}
