import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth';
import { CredentialsModule } from '../credentials';
import { DistrictsModule } from '../districts';
import { NotificationsModule } from '../notifications';
import { OrganisationsModule } from '../organisations';
import { PeopleModule } from '../people';
import { CalendarController } from './calendar.controller';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { ShiftSeries } from './entities/shift-series.entity';
import { Shift } from './entities/shift.entity';
import { Signup } from './entities/signup.entity';
import { WalkReport } from './entities/walk-report.entity';
import { NightWalkJobsService } from './night-walk-jobs.service';
import { NightWalksResolver } from './night-walks.resolver';
import { ShiftCalendarService } from './shift-calendar.service';
import { ShiftEvents } from './shift-events.service';
import { ShiftFieldsResolver } from './shift-fields.resolver';
import { DistrictShiftsResolver, OrganisationShiftsResolver } from './shift-owners.resolver';
import { ShiftPlanningService } from './shift-planning.service';
import { ShiftsService } from './shifts.service';
import {
  SignupFieldsResolver,
  VolunteerHoursFieldsResolver,
  WalkReportFieldsResolver,
} from './signup-fields.resolver';
import { SignupsResolver } from './signups.resolver';
import { SignupsService } from './signups.service';
import { VolunteerHoursService } from './volunteer-hours.service';
import { ShiftMessagesService } from './shift-messages.service';
import { WaitlistService } from './waitlist.service';
import { WalkReportsService } from './walk-reports.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Shift, ShiftSeries, Signup, WalkReport, CalendarFeed]),
    OrganisationsModule,
    DistrictsModule,
    PeopleModule,
    CredentialsModule,
    NotificationsModule,
    AuthModule,
    AuditModule,
  ],
  controllers: [CalendarController],
  providers: [
    ShiftsService,
    ShiftPlanningService,
    SignupsService,
    WaitlistService,
    WalkReportsService,
    VolunteerHoursService,
    ShiftCalendarService,
    NightWalkJobsService,
    ShiftMessagesService,
    ShiftEvents,
    NightWalksResolver,
    SignupsResolver,
    ShiftFieldsResolver,
    SignupFieldsResolver,
    WalkReportFieldsResolver,
    VolunteerHoursFieldsResolver,
    OrganisationShiftsResolver,
    DistrictShiftsResolver,
  ],
  exports: [
    ShiftsService,
    ShiftPlanningService,
    SignupsService,
    WalkReportsService,
    NightWalkJobsService,
  ],
})
export class NightWalksModule {}
