import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor, hasSystemRole, SystemRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import {
  groupedByKey,
  LoaderFactory,
  loaderById,
  RangeKey,
  rangeLoader,
  readerOf,
} from '../../graphql/loaders';
import { Database } from '../../database/database.service';
import { HalfOpenRange } from '../../database/row-reader';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { District } from '../districts';
import { MANAGERS, Organisation, OrganisationAccess, OrganisationStatus } from '../organisations';
import { ShiftsArgs } from './dto/shift.inputs';
import { Shift, ShiftStatus } from './entities/shift.entity';
import { LIVE_SIGNUP_STATUSES, Signup } from './entities/signup.entity';

/** What `Organisation.shifts` and `District.shifts` show when no range is given. */
export const DEFAULT_RANGE_DAYS = 30;

/** The range of a walk list: starts from `from` (inclusive) to `to` (exclusive). */
/** A walk with its organisation and district, as its page shows them. */
export interface ShiftWithOwners {
  shift: Shift;
  organisation: Organisation;
  district: District;
}

export interface ShiftRange {
  from: Date;
  to: Date;
}

/**
 * Reading night walks. The schedule is public for verified organisations; an organisation's own
 * members see its walks whatever its status, and municipal officers see all.
 */
@Injectable()
export class ShiftsService {
  constructor(
    @InjectRepository(Shift) private readonly shifts: Repository<Shift>,
    @InjectRepository(Signup) private readonly signups: Repository<Signup>,
    private readonly access: OrganisationAccess,
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  readonly byId: LoaderFactory<string, Shift | null> = () => loaderById(this.shifts);

  /** Every signup of each shift (all statuses), in order of arrival. */
  readonly signupsByShift: LoaderFactory<string, Signup[]> = () =>
    new DataLoader(async (shiftIds) => {
      const rows = await readerOf(this.signups).find({ shiftId: [...shiftIds] }, ['queueNumber']);
      return groupedByKey(shiftIds, rows, (row) => row.shiftId);
    });

  readonly byOrganisationAndRange: LoaderFactory<RangeKey<ShiftRange>, Shift[]> = () =>
    this.rangeLoader('organisationId');

  /** A district's schedule is public: only verified organisations' walks. */
  readonly byDistrictAndRange: LoaderFactory<RangeKey<ShiftRange>, Shift[]> = () =>
    this.rangeLoader('districtId', true);

  /** Walks per owner (organisation or district) in a range: one query per distinct range asked for. */
  private rangeLoader(column: 'organisationId' | 'districtId', verifiedOnly = false) {
    return rangeLoader<ShiftRange, Shift>({
      rangeId: (range) => `${range.from.toISOString()}|${range.to.toISOString()}`,
      ownerOf: (row) => row[column],
      query: (owners, range) => {
        if (!verifiedOnly) {
          return readerOf(this.shifts).find(
            { [column]: owners, startsAt: new HalfOpenRange(range.from, range.to) },
            ['startsAt', 'id'],
          );
        }
        return this.shifts
          .createQueryBuilder('shift')
          .where(`shift.${column} IN (:...owners)`, { owners })
          .andWhere('shift.startsAt >= :from AND shift.startsAt < :to', range)
          .innerJoin(Organisation, 'runner', 'runner.id = shift.organisationId')
          .andWhere('runner.status = :verified', { verified: OrganisationStatus.VERIFIED })
          .orderBy('shift.startsAt', 'ASC')
          .addOrderBy('shift.id', 'ASC')
          .getMany();
      },
    });
  }

  /** A shift from a raw row of its table (e.g. what an UPDATE … RETURNING gave back). */
  hydrate(row: Record<string, unknown>): Shift {
    return readerOf(this.shifts).hydrate(row);
  }

  /** The range a relation field shows: from now for 30 days unless the client says otherwise. */
  defaultRange(from?: Date, to?: Date): { from: Date; to: Date } {
    const start = from ?? this.clock.now();
    return {
      from: start,
      to: to ?? new Date(start.getTime() + DEFAULT_RANGE_DAYS * 24 * 3600_000),
    };
  }

  /** NOT_FOUND when the walk does not exist. */
  async get(id: string): Promise<Shift> {
    const shift = await this.shifts.findOneBy({ id });
    if (!shift) throw DomainError.notFound('Shift', id);
    return shift;
  }

  /** NOT_FOUND when the signup does not exist. */
  async getSignup(id: string): Promise<Signup> {
    const signup = await this.signups.findOneBy({ id });
    if (!signup) throw DomainError.notFound('Signup', id);
    return signup;
  }

  /** The person's live (not cancelled) signup for the walk, if any; in a transaction, pass its manager. */
  getSignupOf(
    personId: string,
    shiftId: string,
    manager: EntityManager = this.signups.manager,
  ): Promise<Signup | null> {
    return manager.findOneBy(Signup, {
      personId,
      shiftId,
      status: In(LIVE_SIGNUP_STATUSES),
    });
  }

  /** Whether the walk is one `actor` may see (the rule of `shifts`), for subscription events. */
  async isVisible(actor: Actor, id: string): Promise<boolean> {
    return (await this.visibleById(actor, id)) !== null;
  }

  /** NOT_FOUND also when the caller may not see it (an unverified organisation's walk). */
  async getVisible(actor: Actor, id: string): Promise<Shift> {
    return (await this.getVisibleWithOwners(actor, id)).shift;
  }

  /** getVisible, with the walk's organisation and district read in the same statement. */
  async getVisibleWithOwners(actor: Actor, id: string): Promise<ShiftWithOwners> {
    const found = await this.visibleById(actor, id);
    if (!found) throw DomainError.notFound('Shift', id);
    return found;
  }

  /**
   * The walk with its organisation and district, in one fixed statement (a walk page is read
   * often), and the rule of `restrictToVisible` applied to that row.
   */
  private async visibleById(actor: Actor, id: string): Promise<ShiftWithOwners | null> {
    const [row] = await this.shifts.query<Record<string, unknown>[]>(this.walkWithOwners(), [id]);
    if (!row) return null;
    const shift = readerOf(this.shifts).hydrate(row, 'shift__');
    const organisation = readerOf(this.organisationRows).hydrate(row, 'runner__');
    const visible =
      hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER) ||
      organisation.status === OrganisationStatus.VERIFIED ||
      (await this.access.activeOrganisationIds(actor)).includes(shift.organisationId);
    if (!visible) return null;
    return {
      shift,
      organisation,
      district: readerOf(this.districtRows).hydrate(row, 'district__'),
    };
  }

  private walkWithOwnersSql: string | undefined;

  private get organisationRows(): Repository<Organisation> {
    return this.shifts.manager.getRepository(Organisation);
  }

  private get districtRows(): Repository<District> {
    return this.shifts.manager.getRepository(District);
  }

  private walkWithOwners(): string {
    this.walkWithOwnersSql ??=
      `SELECT ${readerOf(this.shifts).selectAs('shift', 'shift__')}, ` +
      `${readerOf(this.organisationRows).selectAs('runner', 'runner__')}, ` +
      `${readerOf(this.districtRows).selectAs('district', 'district__')} FROM "shifts" "shift" ` +
      'INNER JOIN "organisations" "runner" ON "runner"."id" = "shift"."organisationId" ' +
      'INNER JOIN "districts" "district" ON "district"."id" = "shift"."districtId" ' +
      `WHERE "shift"."id" = ${this.database.placeholders(1)[0]}`;
    return this.walkWithOwnersSql;
  }

  /** Walks by start time. */
  async list(actor: Actor, args: ShiftsArgs): Promise<ConnectionShape<Shift>> {
    const filter = args.filter ?? {};
    const query = this.shifts.createQueryBuilder('shift');
    await this.restrictToVisible(actor, query);
    if (filter.districtId)
      query.andWhere('shift.districtId = :districtId', { districtId: filter.districtId });
    if (filter.organisationId) {
      query.andWhere('shift.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.from) query.andWhere('shift.startsAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('shift.startsAt < :to', { to: filter.to });
    if (filter.status) query.andWhere('shift.status = :status', { status: filter.status });
    return paginate(query, args, {
      column: 'shift.startsAt',
      direction: 'ASC',
      valueOf: (shift) => shift.startsAt,
    });
  }

  /** The caller's walks with a live signup (confirmed, waitlisted, attended or no-show), by start. */
  myShifts(actor: Actor, from?: Date, to?: Date): Promise<Shift[]> {
    if (actor.kind !== 'person') throw DomainError.forbidden('Only a signed-in person has walks');
    const query = this.shifts
      .createQueryBuilder('shift')
      .innerJoin(Signup, 'signup', 'signup.shiftId = shift.id')
      .where('signup.personId = :personId', { personId: actor.personId })
      .andWhere('signup.status IN (:...live)', { live: LIVE_SIGNUP_STATUSES })
      .orderBy('shift.startsAt', 'ASC')
      .addOrderBy('shift.id', 'ASC');
    if (from) query.andWhere('shift.startsAt >= :from', { from });
    if (to) query.andWhere('shift.startsAt < :to', { to });
    return query.getMany();
  }

  /**
   * Walks of an organisation still PLANNED whose signup deadline has passed with fewer than
   * `minWalkers` confirmed, and that have not started: the coordinator confirms or cancels them.
   */
  async understaffed(actor: Actor, organisationId: string): Promise<Shift[]> {
    await this.access.requireRole(actor, organisationId, MANAGERS);
    const now = this.clock.now();
    return (
      this.shifts
        .createQueryBuilder('shift')
        .where('shift.organisationId = :organisationId', { organisationId })
        .andWhere('shift.status = :planned', { planned: ShiftStatus.PLANNED })
        // Not yet over: with the default deadline (the start) a walk is understaffed as it starts.
        .andWhere('shift.signupDeadline <= :now AND shift.endsAt > :now', { now })
        .andWhere('shift.confirmedCount < shift.minWalkers')
        .orderBy('shift.startsAt', 'ASC')
        .getMany()
    );
  }

  private async restrictToVisible(actor: Actor, query: SelectQueryBuilder<Shift>): Promise<void> {
    if (hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER)) return;
    const ownOrganisations = await this.access.activeOrganisationIds(actor);
    query.innerJoin(Organisation, 'runner', 'runner.id = shift.organisationId');
    if (ownOrganisations.length > 0) {
      query.andWhere(
        '(runner.status = :verified OR shift.organisationId IN (:...ownOrganisations))',
        {
          verified: OrganisationStatus.VERIFIED,
          ownOrganisations,
        },
      );
    } else {
      query.andWhere('runner.status = :verified', { verified: OrganisationStatus.VERIFIED });
    }
  }
}
