import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { whereJsonArrayHas } from '../../database/json-array';
import { toGlobalId } from '../../graphql/global-id';
import { LoaderFactory, RangeKey, rangeLoader } from '../../graphql/loaders';
import { MANAGERS } from '../organisations';
import {
  ReportShelterAvailabilityInput,
  ShelterAvailability,
  ShelterAvailabilityFilter,
} from './dto/shelter.inputs';
import { ShelterAvailabilityReport } from './entities/shelter-availability-report.entity';
import { Shelter } from './entities/shelter.entity';
import { ShelterEvents } from './shelter-events.service';
import { AvailabilityStatus, availabilityStatus, openPlaces } from './shelters.rules';
import { isSocialServices, requireArea, SheltersService } from './shelters.service';

const DAY = 24 * 3600_000;
const REPORT_HISTORY_DAYS = 30;

/** A shelter's reports from `from` to `to`; left out: the 30 days up to now. */
export interface ReportRange {
  from?: Date;
  to?: Date;
}

/**
 * Whether shelters can take someone: the organisation reports its free places (every report is
 * kept); social services see counts, partner apps with `shelters:availability` see status, area,
 * groups, features and languages only.
 */
@Injectable()
export class ShelterAvailabilityService {
  constructor(
    @InjectRepository(ShelterAvailabilityReport)
    private readonly reports: Repository<ShelterAvailabilityReport>,
    private readonly shelters: SheltersService,
    private readonly database: Database,
    private readonly events: ShelterEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Each shelter's reports in a range, newest first: one query per distinct range. */
  readonly reportsByShelterAndRange: LoaderFactory<
    RangeKey<ReportRange>,
    ShelterAvailabilityReport[]
  > = () =>
    rangeLoader<ReportRange, ShelterAvailabilityReport>({
      // Left-out bounds share one id, so the default range is one query, fixed when it runs.
      rangeId: (range) => `${range.from?.toISOString() ?? ''}|${range.to?.toISOString() ?? ''}`,
      ownerOf: (row) => row.shelterId,
      query: (ids, range) => {
        const to = range.to ?? new Date(this.clock.now().getTime() + 60_000);
        const from = range.from ?? new Date(to.getTime() - REPORT_HISTORY_DAYS * DAY);
        return this.reports
          .createQueryBuilder('report')
          .where('report.shelterId IN (:...ids)', { ids })
          .andWhere('report.reportedAt >= :from AND report.reportedAt < :to', { from, to })
          .orderBy('report.reportedAt', 'DESC')
          .addOrderBy('report.id', 'DESC')
          .getMany();
      },
    });

  /**
   * The organisation's COORDINATOR or ORG_ADMIN reports its free places (held places included).
   * Every report is kept. A report below the places held for accepted placements is refused:
   * cancel those placements first.
   */
  async report(actor: Actor, input: ReportShelterAvailabilityInput): Promise<Shelter> {
    const person = requirePerson(actor, 'Only a signed-in person reports availability');
    const found = await this.shelters.getForChange(actor, input.shelterId, MANAGERS);
    const problems: Record<string, string[]> = {};
    if (input.freeAdultPlaces > found.totalAdultPlaces) {
      problems.freeAdultPlaces = [`must be at most the shelter's ${found.totalAdultPlaces} places`];
    }
    if (input.freeChildPlaces > found.totalChildPlaces) {
      problems.freeChildPlaces = [`must be at most the shelter's ${found.totalChildPlaces} places`];
    }
    if (Object.keys(problems).length > 0) {
      throw DomainError.badInput('Too many free places', problems);
    }
    const now = this.clock.now();
    const reported = await this.database.transaction(async (manager) => {
      const shelter = await this.database.findOneForUpdate(manager, Shelter, { id: found.id });
      if (!shelter) throw DomainError.notFound('Shelter', found.id);
      if (
        input.freeAdultPlaces < shelter.heldAdultPlaces ||
        input.freeChildPlaces < shelter.heldChildPlaces
      ) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'Fewer free places than are held for accepted placements: cancel a placement first',
          { heldAdultPlaces: shelter.heldAdultPlaces, heldChildPlaces: shelter.heldChildPlaces },
        );
      }
      shelter.freeAdultPlaces = input.freeAdultPlaces;
      shelter.freeChildPlaces = input.freeChildPlaces;
      shelter.availabilityReportedAt = now;
      await manager.update(
        Shelter,
        { id: shelter.id },
        {
          freeAdultPlaces: shelter.freeAdultPlaces,
          freeChildPlaces: shelter.freeChildPlaces,
          availabilityReportedAt: now,
        },
      );
      await manager.insert(
        ShelterAvailabilityReport,
        manager.create(ShelterAvailabilityReport, {
          shelterId: shelter.id,
          freeAdultPlaces: input.freeAdultPlaces,
          freeChildPlaces: input.freeChildPlaces,
          reportedAt: now,
          reportedById: person.personId,
        }),
      );
      return shelter;
    });
    this.events.changed(reported);
    return reported;
  }

  /**
   * Availability of the active shelters of verified organisations, by area and name. Callers are
   * social services (with counts) and partner apps with `shelters:availability` (without).
   */
  async list(actor: Actor, filter: ShelterAvailabilityFilter = {}): Promise<ShelterAvailability[]> {
    const query = this.shelters.listed();
    if (filter.area) {
      query.andWhere('shelter.area = :area', { area: requireArea(filter.area, 'filter.area') });
    }
    if (filter.targetGroup) {
      whereJsonArrayHas(query, 'shelter.targetGroups', 'targetGroup', filter.targetGroup);
    }
    if (filter.feature) whereJsonArrayHas(query, 'shelter.features', 'feature', filter.feature);
    if (filter.language) whereJsonArrayHas(query, 'shelter.languages', 'language', filter.language);
    const shelters = await query
      .orderBy('shelter.area', 'ASC')
      .addOrderBy('shelter.displayName', 'ASC')
      .addOrderBy('shelter.id', 'ASC')
      .getMany();
    return shelters.map((shelter) => this.of(shelter, isSocialServices(actor)));
  }

  /**
   * The shelter's availability; counts and name only `withCounts` (social services, or the
   * shelter's own organisation). A closed shelter has no data to offer.
   */
  of(shelter: Shelter, withCounts: boolean): ShelterAvailability {
    const open = openPlaces(shelter);
    return {
      id: toGlobalId('ShelterAvailability', shelter.id),
      shelterId: shelter.id,
      organisationId: shelter.organisationId,
      displayName: withCounts ? shelter.displayName : null,
      status: shelter.active
        ? availabilityStatus(shelter, this.clock.now(), this.config.shelters.availabilityStaleHours)
        : AvailabilityStatus.NO_DATA,
      area: shelter.area,
      targetGroups: shelter.targetGroups,
      features: shelter.features,
      languages: shelter.languages,
      reportedAt: shelter.availabilityReportedAt,
      freeAdultPlaces: withCounts ? open.adults : null,
      freeChildPlaces: withCounts ? open.children : null,
      heldAdultPlaces: withCounts ? shelter.heldAdultPlaces : null,
      heldChildPlaces: withCounts ? shelter.heldChildPlaces : null,
    };
  }
}
