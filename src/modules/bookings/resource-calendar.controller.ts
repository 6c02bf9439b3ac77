import { Controller, Get, Header, Param } from '@nestjs/common';
import { Public } from '../../common/decorators/access.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { ResourceCalendarService } from './resource-calendar.service';

const ICS_FILE = /^([0-9a-f-]{36})\.ics$/i;

/** The iCalendar feed of a resource (text/calendar). */
@Controller('calendar/resources')
export class ResourceCalendarController {
  constructor(private readonly calendars: ResourceCalendarService) {}

  /**
   * `GET /calendar/resources/<resourceId>.ics`: the resource's confirmed bookings with their
   * purpose and organisation name. Public: calendar apps cannot sign in.
   */
  @Get(':file')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  resource(@Param('file') file: string): Promise<string> {
    const match = ICS_FILE.exec(file);
    if (!match) throw DomainError.notFound('Calendar');
    return this.calendars.resourceCalendar(match[1].toLowerCase());
  }
}
