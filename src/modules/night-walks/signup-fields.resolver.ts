import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Person, PeopleService } from '../people';
import { VolunteerHours } from './dto/shift.inputs';
import { Shift } from './entities/shift.entity';
import { Signup, SignupStatus } from './entities/signup.entity';
import { WalkReport } from './entities/walk-report.entity';
import { ShiftsService } from './shifts.service';

/** Relation fields of signups, hours and reports; a signup is only reached through something visible. */
@Resolver(() => Signup)
export class SignupFieldsResolver {
  constructor(
    private readonly shifts: ShiftsService,
    private readonly people: PeopleService,
  ) {}

  @ResolveField(() => Shift, { description: 'The walk.' })
  async shift(@Parent() signup: Signup, @Context() context: GraphQLContext): Promise<Shift> {
    const shift = await context.loaders.get(this.shifts.byId).load(signup.shiftId);
    if (!shift) throw new Error(`Signup ${signup.id} names a missing shift`);
    return shift;
  }

  @ResolveField(() => Person, {
    description: 'The walker (shown as "Skyddad identitet" when protected).',
  })
  async person(@Parent() signup: Signup, @Context() context: GraphQLContext): Promise<Person> {
    const person = await context.loaders.get(this.people.byId).load(signup.personId);
    if (!person) throw new Error(`Signup ${signup.id} names a missing person`);
    return person;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Place in the waitlist (1 is next), when WAITLISTED.',
  })
  async position(
    @Parent() signup: Signup,
    @Context() context: GraphQLContext,
  ): Promise<number | null> {
    if (signup.status !== SignupStatus.WAITLISTED) return null;
    const all = await context.loaders.get(this.shifts.signupsByShift).load(signup.shiftId);
    const waiting = all.filter((other) => other.status === SignupStatus.WAITLISTED);
    const index = waiting.findIndex((other) => other.id === signup.id);
    return index >= 0 ? index + 1 : null;
  }
}

@Resolver(() => VolunteerHours)
export class VolunteerHoursFieldsResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => Person, { description: 'The volunteer.' })
  async person(
    @Parent() hours: VolunteerHours,
    @Context() context: GraphQLContext,
  ): Promise<Person> {
    const person = await context.loaders.get(this.people.byId).load(hours.personId);
    if (!person) throw new Error(`Hours name a missing person ${hours.personId}`);
    return person;
  }
}

@Resolver(() => WalkReport)
export class WalkReportFieldsResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => Person, { description: 'Who submitted it.' })
  async submittedBy(
    @Parent() report: WalkReport,
    @Context() context: GraphQLContext,
  ): Promise<Person> {
    const person = await context.loaders.get(this.people.byId).load(report.submittedById);
    if (!person) throw new Error(`Report ${report.id} names a missing person`);
    return person;
  }
}
