import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { DistrictsModule } from '../districts';
import { NotificationsModule } from '../notifications';
import { OrganisationsModule } from '../organisations';
import { PeopleModule } from '../people';
import { BlackoutsService } from './blackouts.service';
import { BookingDecisionsService } from './booking-decisions.service';
import {
  BlackoutFieldsResolver,
  BookingFieldsResolver,
  ResourceFieldsResolver,
} from './booking-fields.resolver';
import { BookingNotifier } from './booking-notifier.service';
import { BookingRequestsService } from './booking-requests.service';
import { BookingsResolver } from './bookings.resolver';
import { BookingsService } from './bookings.service';
import { Blackout } from './entities/blackout.entity';
import { BookingSeries } from './entities/booking-series.entity';
import { Booking } from './entities/booking.entity';
import { Resource } from './entities/resource.entity';
import { ResourceCalendarController } from './resource-calendar.controller';
import { ResourceCalendarService } from './resource-calendar.service';
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
    BookingsService,
    BookingRequestsService,
    BookingDecisionsService,
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
    BookingsService,
    BookingRequestsService,
    BookingDecisionsService,
    BlackoutsService,
  ],
})
export class BookingsModule {}
