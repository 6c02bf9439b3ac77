import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { stockholmCalendar } from '../../common/ical';
import { TIME_ZONE } from '../../common/time';
import { Organisation } from '../organisations';
import { Booking, BookingStatus } from './entities/booking.entity';
import { ResourcesService } from './resources.service';

/** The organisation name selected alongside each booking (same order as the entities). */
interface BookerRow {
  bookerName: string;
}

/** A calendar shows bookings from this long ago … */
const PAST_DAYS = 30;
/** … until this far ahead. */
const AHEAD_DAYS = 365;

/**
 * A resource's public iCalendar feed: its CONFIRMED bookings, each with its purpose and the
 * booking organisation's name only (never who booked it or how many come). Public, because
 * calendar apps cannot send credentials; the purpose is documented as public where it is entered.
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
    const now = DateTime.fromJSDate(this.clock.now(), { zone: TIME_ZONE });
    const found = await this.bookings
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
      .getRawAndEntities();
    const rows = found.raw as BookerRow[];
    const calendar = stockholmCalendar(resource.name);
    found.entities.forEach((booking, index) => {
      calendar.createEvent({
        id: `${booking.id}@samverkan`,
        start: DateTime.fromJSDate(booking.startsAt).setZone(TIME_ZONE),
        end: DateTime.fromJSDate(booking.endsAt).setZone(TIME_ZONE),
        timezone: TIME_ZONE,
        summary: `${rows[index].bookerName}: ${booking.purpose}`,
        location: resource.location,
      });
    });
    return calendar.toString();
  }
}
