import { ICalCalendar } from 'ical-generator';
import { TIME_ZONE } from './time';

/**
 * The VTIMEZONE of Europe/Stockholm (CET/CEST, EU rules since 1996), so that events written with
 * TZID=Europe/Stockholm keep their wall-clock time in every calendar client, across daylight saving.
 */
const STOCKHOLM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Stockholm',
  'X-LIC-LOCATION:Europe/Stockholm',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * A calendar whose events are written in Europe/Stockholm time: each event names the zone
 * (`DTSTART;TZID=Europe/Stockholm:…`, give it `timezone: TIME_ZONE` and luxon instants in that
 * zone) and the calendar carries its VTIMEZONE. The calendar itself has no zone: ical-generator
 * would write every DTSTAMP in it, without the `Z` RFC 5545 requires (a floating time that
 * parsers read as their own local time); without one, DTSTAMP is UTC.
 */
export function stockholmCalendar(name: string): ICalCalendar {
  const calendar = new ICalCalendar({
    name,
    prodId: { company: 'Samverkan', product: 'Samverkan' },
  });
  calendar.timezone({
    name: null,
    generator: (zone) => (zone === TIME_ZONE ? STOCKHOLM_VTIMEZONE : null),
  });
  // Read by clients (Google Calendar, Apple) as the calendar's zone for display.
  calendar.x([{ key: 'X-WR-TIMEZONE', value: TIME_ZONE }]);
  return calendar;
}
