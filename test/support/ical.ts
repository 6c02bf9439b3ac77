import * as ical from 'node-ical';

/** The instant to the whole second, as iCalendar writes it. */
export function toSecond(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

/** One event of a feed as a real parser (node-ical) reads it. */
export interface FeedEvent {
  uid: string;
  start: Date;
  end: Date;
  stamp: Date;
  summary: string;
  location: string | undefined;
  status: string | undefined;
}

/**
 * Reads an iCalendar feed with node-ical and checks what RFC 5545 requires of every event that a
 * lenient parser would let pass: a DTSTAMP in UTC (`…Z`; a floating one is read in the reader's
 * own zone), DTSTART and DTEND with a TZID the feed defines in a VTIMEZONE, or in UTC. Returns
 * the events in the feed's order.
 */
export function parseFeed(text: string): FeedEvent[] {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  const lines = unfolded.split('\r\n');
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  const zones = new Set(
    lines.filter((line) => line.startsWith('TZID:')).map((line) => line.slice('TZID:'.length)),
  );
  let inEvent = false;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') inEvent = true;
    if (line === 'END:VEVENT') inEvent = false;
    // A VTIMEZONE's own DTSTART is local time by definition: only the events' instants count.
    if (!inEvent) continue;
    if (line.startsWith('DTSTAMP')) expect(line).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    const zoned = /^DT(?:START|END);TZID=([^:]+):\d{8}T\d{6}$/.exec(line);
    if (zoned) expect(zones).toContain(zoned[1]);
    else if (/^DT(?:START|END)/.test(line)) expect(line).toMatch(/^DT(?:START|END):\d{8}T\d{6}Z$/);
  }
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter(
    (component): component is ical.VEvent => component?.type === 'VEVENT',
  );
  expect(events).toHaveLength(lines.filter((line) => line === 'BEGIN:VEVENT').length);
  return events.map((event) => ({
    uid: event.uid,
    start: new Date(event.start.getTime()),
    end: new Date(event.end!.getTime()),
    stamp: new Date(event.dtstamp.getTime()),
    summary: typeof event.summary === 'string' ? event.summary : event.summary.val,
    location: typeof event.location === 'string' ? event.location : event.location?.val,
    status: event.status,
  }));
}
