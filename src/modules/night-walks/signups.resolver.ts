import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { AppConfig } from '../../config/app-config';
import { TimeRangeArgs } from '../../graphql/time-range.args';
import {
  SignUpForShiftInput,
  SignupIdInput,
  SubmitWalkReportInput,
  VolunteerHours,
  VolunteerHoursArgs,
} from './dto/shift.inputs';
import { Signup } from './entities/signup.entity';
import { WalkReport } from './entities/walk-report.entity';
import { ShiftCalendarService } from './shift-calendar.service';
import { SignupsService } from './signups.service';
import { VolunteerHoursService } from './volunteer-hours.service';
import { WalkReportsService } from './walk-reports.service';

/** Everything a volunteer does: sign up, cancel, check in, report, hours, calendar. */
@Resolver(() => Signup)
export class SignupsResolver {
  constructor(
    private readonly signups: SignupsService,
    private readonly reports: WalkReportsService,
    private readonly hours: VolunteerHoursService,
    private readonly calendars: ShiftCalendarService,
    private readonly config: AppConfig,
  ) {}

  @Mutation(() => Signup, {
    description:
      'Signs you up: CONFIRMED while places remain; when full, WAITLISTED if you asked (joinWaitlist) or SHIFT_FULL. ' +
      'Needs an ACTIVE membership of the organisation running the walk and its required credentials.',
  })
  signUpForShift(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The walk.' }) input: SignUpForShiftInput,
  ): Promise<Signup> {
    return this.signups.signUp(actor, input);
  }

  @Mutation(() => Signup, {
    description:
      'Cancels a signup (yours until the walk starts, or as its coordinator); a freed place goes to the first on the waitlist.',
  })
  cancelSignup(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The signup.' }) input: SignupIdInput,
  ): Promise<Signup> {
    return this.signups.cancel(actor, input);
  }

  @Mutation(() => Signup, {
    description:
      'Marks a confirmed walker ATTENDED: yourself from an hour before the walk until it ends, or as its coordinator.',
  })
  checkIn(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The signup.' }) input: SignupIdInput,
  ): Promise<Signup> {
    return this.signups.checkIn(actor, input);
  }

  @Mutation(() => WalkReport, {
    description:
      'Reports on a walk once it has ended (a walker who checked in, or its coordinator): completes the walk and ' +
      'credits its hours to those who checked in.',
  })
  submitWalkReport(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The report.' }) input: SubmitWalkReportInput,
  ): Promise<WalkReport> {
    return this.reports.submit(actor, input);
  }

  @Query(() => VolunteerHours, {
    description:
      'Your hours: attended, reported walks starting in the range (default: this calendar year).',
  })
  myHours(@CurrentActor() actor: Actor, @Args() range: TimeRangeArgs): Promise<VolunteerHours> {
    return this.hours.mine(actor, range.from, range.to);
  }

  @Query(() => [VolunteerHours], {
    description:
      "Hours per volunteer on the organisation's walks (default: this calendar year). COORDINATOR and ORG_ADMIN.",
  })
  volunteerHours(
    @CurrentActor() actor: Actor,
    @Args() args: VolunteerHoursArgs,
  ): Promise<VolunteerHours[]> {
    return this.hours.forOrganisation(actor, args.organisationId, args.from, args.to);
  }

  @Query(() => String, {
    description:
      'Your private calendar feed (iCalendar URL) of the walks you have a place on. Keep it to yourself.',
  })
  myCalendarUrl(@CurrentActor() actor: Actor, @Context('req') req: Request): Promise<string> {
    return this.calendars.urlFor(actor, this.baseUrl(req));
  }

  @Mutation(() => String, {
    description: 'Ends your current calendar feed URL and returns a new one.',
  })
  regenerateMyCalendarUrl(
    @CurrentActor() actor: Actor,
    @Context('req') req: Request,
  ): Promise<string> {
    return this.calendars.regenerate(actor, this.baseUrl(req));
  }

  private baseUrl(req: Request): string {
    return this.config.publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  }
}
