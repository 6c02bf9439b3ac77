import { Controller, Get, Header, Param } from '@nestjs/common';
import { Public } from '../../common/decorators/access.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { ShiftCalendarService } from './shift-calendar.service';

const ICS_FILE = /^([A-Za-z0-9._-]+)\.ics$/;

function nameOf(file: string): string {
  const match = ICS_FILE.exec(file);
  if (!match) throw DomainError.notFound('Calendar');
  return match[1];
}

/** iCalendar feeds for calendar apps (text/calendar). */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendars: ShiftCalendarService) {}

  /** `GET /calendar/districts/<districtId>.ics`: the district's public night-walk schedule. */
  @Get('districts/:file')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  district(@Param('file') file: string): Promise<string> {
    const districtId = nameOf(file);
    if (!/^[0-9a-f-]{36}$/i.test(districtId)) throw DomainError.notFound('District', districtId);
    return this.calendars.districtCalendar(districtId);
  }

  /** `GET /calendar/feeds/<token>.ics`: a volunteer's own walks (the token is the credential). */
  @Get('feeds/:file')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  personal(@Param('file') file: string): Promise<string> {
    return this.calendars.personalCalendar(nameOf(file));
  }
}
