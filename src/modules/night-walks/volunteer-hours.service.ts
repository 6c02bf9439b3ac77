import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Repository } from 'typeorm';
import { Actor, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { TIME_ZONE } from '../../common/time';
import { MANAGERS, OrganisationAccess } from '../organisations';
import { VolunteerHours } from './dto/shift.inputs';
import { Shift, ShiftStatus } from './entities/shift.entity';
import { Signup, SignupStatus } from './entities/signup.entity';

/**
 * Hours walked: the duration of every walk a person attended that has been reported (COMPLETED),
 * by start time within the range. Defaults: this calendar year in Stockholm.
 */
@Injectable()
export class VolunteerHoursService {
  constructor(
    @InjectRepository(Signup) private readonly signups: Repository<Signup>,
    private readonly access: OrganisationAccess,
    private readonly clock: Clock,
  ) {}

  async mine(actor: Actor, from?: Date, to?: Date): Promise<VolunteerHours> {
    if (!isPerson(actor)) throw DomainError.forbidden('Only a signed-in person has hours');
    const [total] = await this.totals({ personId: actor.personId, ...this.range(from, to) });
    return total ?? { personId: actor.personId, walks: 0, minutes: 0, hours: 0 };
  }

  /** Per volunteer of the organisation (its walks only). COORDINATOR and ORG_ADMIN. */
  async forOrganisation(
    actor: Actor,
    organisationId: string,
    from?: Date,
    to?: Date,
  ): Promise<VolunteerHours[]> {
    await this.access.requireRole(actor, organisationId, MANAGERS);
    return this.totals({ organisationId, ...this.range(from, to) });
  }

  private range(from?: Date, to?: Date): { from: Date; to: Date } {
    const year = DateTime.fromJSDate(this.clock.now(), { zone: TIME_ZONE }).startOf('year');
    return { from: from ?? year.toJSDate(), to: to ?? year.plus({ years: 1 }).toJSDate() };
  }

  private async totals(filter: {
    personId?: string;
    organisationId?: string;
    from: Date;
    to: Date;
  }): Promise<VolunteerHours[]> {
    const query = this.signups
      .createQueryBuilder('signup')
      .innerJoin(Shift, 'shift', 'shift.id = signup.shiftId')
      .select('signup.personId', 'personId')
      .addSelect('shift.startsAt', 'startsAt')
      .addSelect('shift.endsAt', 'endsAt')
      .where('signup.status = :attended', { attended: SignupStatus.ATTENDED })
      .andWhere('shift.status = :completed', { completed: ShiftStatus.COMPLETED })
      .andWhere('shift.startsAt >= :from AND shift.startsAt < :to', {
        from: filter.from,
        to: filter.to,
      });
    if (filter.personId)
      query.andWhere('signup.personId = :personId', { personId: filter.personId });
    if (filter.organisationId) {
      query.andWhere('shift.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    const rows = await query.getRawMany<{
      personId: string;
      startsAt: string | Date;
      endsAt: string | Date;
    }>();
    const totals = new Map<string, VolunteerHours>();
    for (const row of rows) {
      const minutes = Math.round(
        (toInstant(row.endsAt).getTime() - toInstant(row.startsAt).getTime()) / 60_000,
      );
      const total = totals.get(row.personId) ?? {
        personId: row.personId,
        walks: 0,
        minutes: 0,
        hours: 0,
      };
      total.walks += 1;
      total.minutes += minutes;
      total.hours = Math.round((total.minutes / 60) * 100) / 100;
      totals.set(row.personId, total);
    }
    return [...totals.values()].sort(
      (a, b) => b.minutes - a.minutes || a.personId.localeCompare(b.personId),
    );
  }
}

/** Raw rows hold instants as Date (PostgreSQL) or as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC (SQLite). */
function toInstant(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
