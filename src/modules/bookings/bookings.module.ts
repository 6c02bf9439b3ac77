import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, AuditService } from '../audit';
import { DistrictsModule } from '../districts';
import { NotificationsModule } from '../notifications';
import { OrganisationsModule } from '../organisations';
import { PeopleModule } from '../people';
import { BlackoutsService } from './blackouts.service';
import { BookingCancellationsService } from './booking-cancellations.service';
import { BookingDecisionsService } from './booking-decisions.service';
import {
  BlackoutFieldsResolver,
  BookingFieldsResolver,
  ResourceFieldsResolver,
} from './booking-fields.resolver';
import { BookingJobsService } from './booking-jobs.service';
import { BookingNotifier } from './booking-notifier.service';
import { BookingRequestsService } from './booking-requests.service';
import { BookingTransitions } from './booking-transitions.service';
import { BookingVisibility } from './booking-visibility.service';
import { BookingWriter } from './booking-writer.service';
import { BookingsResolver } from './bookings.resolver';
import { BookingsService } from './bookings.service';
import { Blackout } from './entities/blackout.entity';
import { BookingSeries } from './entities/booking-series.entity';
import { Booking } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { ResourceCalendarController } from './resource-calendar.controller';
import { ResourceAvailabilityService } from './resource-availability.service';
import { ResourceCalendarService } from './resource-calendar.service';
import { ResourceManagementService } from './resource-management.service';
import { ResourceSchedule } from './resource-schedule.service';
import { ResourcesResolver } from './resources.resolver';
import { ResourcesService } from './resources.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Resource, Booking, BookingSeries, Blackout]),
    AuditModule,
    DistrictsModule,
    NotificationsModule,
    OrganisationsModule,
    PeopleModule,
  ],
  controllers: [ResourceCalendarController],
  providers: [
    ResourcesService,
    ResourceManagementService,
    ResourceAvailabilityService,
    BookingsService,
    BookingVisibility,
    BookingRequestsService,
    BookingWriter,
    BookingDecisionsService,
    BookingCancellationsService,
    BookingTransitions,
    BookingJobsService,
    BlackoutsService,
    ResourceSchedule,
    BookingNotifier,
    ResourceCalendarService,
    ResourcesResolver,
    BookingsResolver,
    BookingFieldsResolver,
    ResourceFieldsResolver,
    BlackoutFieldsResolver,
  ],
  exports: [
    ResourcesService,
    ResourceManagementService,
    BookingsService,
    BookingJobsService,
    BookingRequestsService,
    BookingDecisionsService,
    BlackoutsService,
  ],
})
export class BookingsModule implements OnModuleInit {
  constructor(private readonly audit: AuditService) {}

  /**
   * Booking entries name the organisation and the times of every booking, confidential ones
   * (women's shelters) and those between two organisations included: ADMIN reads them.
   */
  onModuleInit(): void {
    this.audit.restrictToAdmin('Booking');
  }
}
