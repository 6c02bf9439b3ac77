import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { stockholmCalendar } from '../../common/ical';
import { TIME_ZONE } from '../../common/time';
import { Organisation } from '../organisations';
import { DomainError } from '../../common/errors/domain-error';
import { Booking, BookingStatus } from './entities/booking.entity';
import { BookableBy } from './entities/resource.entity';
import { ResourcesService } from './resources.service';

/** A calendar shows bookings from this long ago … */
const PAST_DAYS = 30;
/** … until this far ahead. */
const AHEAD_DAYS = 365;

/** What a confidential booking is called in the public calendar (no organisation, no purpose). */
const CONFIDENTIAL_SUMMARY = 'Bokad';

/**
 * A resource's public iCalendar feed: its CONFIRMED bookings, each with the booking
 * organisation's name and its purpose ("Fritidsföreningen Sylte: Styrelsemöte"), or only "Bokad"
 * for a confidential booking (always so for a women's shelter); never who booked it or how many
 * come. Public, because calendar apps cannot send credentials; the purpose is documented as public
 * where it is entered. An OWNER_ONLY resource's schedule is its owner's business (outsiders see
 * none of it in the API either), so it has no public feed.
 */
@Injectable()
export class ResourceCalendarService {
  constructor(
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
  ) {}

  async resourceCalendar(resourceId: string): Promise<string> {
    const resource = await this.resources.get(resourceId);
    if (resource.bookableBy === BookableBy.OWNER_ONLY) throw DomainError.notFound('Calendar');
    const now = DateTime.fromJSDate(this.clock.now(), { zone: TIME_ZONE });
    // The booking organisation's name comes with each booking, in the same query.
    const { entities: bookings, raw } = await this.bookings
      .createQueryBuilder('booking')
      .innerJoin(Organisation, 'booker', 'booker.id = booking.organisationId')
      .addSelect('booker.name', 'bookerName')
      .where('booking.resourceId = :resourceId', { resourceId })
      .andWhere('booking.status = :confirmed', { confirmed: BookingStatus.CONFIRMED })
      .andWhere('booking.endsAt > :from AND booking.startsAt < :to', {
        from: now.minus({ days: PAST_DAYS }).toJSDate(),
        to: now.plus({ days: AHEAD_DAYS }).toJSDate(),
      })
      .orderBy('booking.startsAt', 'ASC')
      .getRawAndEntities<{ booking_id: string; bookerName: string }>();
    const names = new Map(raw.map((row) => [row.booking_id, row.bookerName]));
    const calendar = stockholmCalendar(resource.name);
    for (const booking of bookings) {
      const name = booking.confidential ? null : names.get(booking.id);
      calendar.createEvent({
        id: `${booking.id}@samverkan`,
        start: DateTime.fromJSDate(booking.startsAt).setZone(TIME_ZONE),
        end: DateTime.fromJSDate(booking.endsAt).setZone(TIME_ZONE),
        timezone: TIME_ZONE,
        stamp: now,
        summary: name ? `${name}: ${booking.purpose}` : CONFIDENTIAL_SUMMARY,
        location: resource.location,
      });
    }
    return calendar.toString();
  }
}
