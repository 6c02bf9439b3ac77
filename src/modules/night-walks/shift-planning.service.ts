import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Database } from '../../database/database.service';
import { DistrictsService } from '../districts';
import { NotificationKind, NotificationsService } from '../notifications';
import { MANAGERS, OrganisationAccess, OrganisationsService } from '../organisations';
import {
  CancelShiftInput,
  CreateShiftInput,
  CreateShiftSeriesInput,
  ShiftIdInput,
  UpdateShiftInput,
} from './dto/shift.inputs';
import { ShiftSeries } from './entities/shift-series.entity';
import { OPEN_SHIFT_STATUSES, Shift, ShiftStatus } from './entities/shift.entity';
import { Signup, SignupStatus } from './entities/signup.entity';
import { expandSeries, SeriesError, ShiftShape, shiftShapeProblems } from './night-walks.rules';
import { ShiftEvents } from './shift-events.service';
import { ShiftsService } from './shifts.service';
import { WaitlistService } from './waitlist.service';

/**
 * Publishing and managing walks: the organisation's COORDINATOR or ORG_ADMIN, for a VERIFIED
 * organisation. Every change is announced to `shiftChanged` subscribers after it commits.
 */
@Injectable()
export class ShiftPlanningService {
  constructor(
    private readonly database: Database,
    private readonly shifts: ShiftsService,
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
    private readonly districts: DistrictsService,
    private readonly waitlist: WaitlistService,
    private readonly notifications: NotificationsService,
    private readonly events: ShiftEvents,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateShiftInput): Promise<Shift> {
    const personId = await this.requirePublisher(actor, input.organisationId, input.districtId);
    const shape: ShiftShape = { ...input, signupDeadline: input.signupDeadline ?? input.startsAt };
    this.requireWellFormed(shape);
    const shift = await this.database.transaction((manager) =>
      manager.save(this.newShift(manager, input, shape, personId, null)),
    );
    this.events.changed(shift);
    return shift;
  }

  /** Creates every walk of the rule at once; a rule producing a bad walk creates none. */
  async createSeries(actor: Actor, input: CreateShiftSeriesInput): Promise<Shift[]> {
    const personId = await this.requirePublisher(actor, input.organisationId, input.districtId);
    let walks: { startsAt: Date; endsAt: Date }[];
    try {
      walks = expandSeries(input);
    } catch (error) {
      if (error instanceof SeriesError)
        throw DomainError.badInput(error.message, { rrule: [error.message] });
      throw error;
    }
    if (walks.length === 0)
      throw DomainError.badInput('The rule gives no walks', { rrule: ['gives no walks'] });
    const shapes = walks.map((walk) => ({
      ...walk,
      minWalkers: input.minWalkers,
      maxWalkers: input.maxWalkers,
      signupDeadline: new Date(
        walk.startsAt.getTime() - input.signupDeadlineMinutesBefore * 60_000,
      ),
    }));
    shapes.forEach((shape) => this.requireWellFormed(shape));
    const created = await this.database.transaction(async (manager) => {
      const series = await manager.save(
        manager.create(ShiftSeries, {
          organisationId: input.organisationId,
          rrule: input.rrule,
          createdById: personId,
        }),
      );
      return manager.save(
        shapes.map((shape) => this.newShift(manager, input, shape, personId, series.id)),
      );
    });
    created.forEach((shift) => this.events.changed(shift));
    return created;
  }

  /**
   * Changes a walk that has not started; more places promote people from the waitlist. New times
   * must not overlap another walk a confirmed walker has a place on (SCHEDULE_CONFLICT).
   */
  async update(actor: Actor, input: UpdateShiftInput): Promise<Shift> {
    await this.requireManager(actor, input.shiftId, { verified: true });
    const updated = await this.database.transaction(async (manager) => {
      const shift = await this.lockOpen(manager, input.shiftId, 'update');
      if (shift.startsAt <= this.clock.now()) {
        throw DomainError.invalidTransition('Shift', 'STARTED', 'UPDATED');
      }
      const next = {
        startsAt: input.startsAt ?? shift.startsAt,
        endsAt: input.endsAt ?? shift.endsAt,
        minWalkers: input.minWalkers ?? shift.minWalkers,
        maxWalkers: input.maxWalkers ?? shift.maxWalkers,
        signupDeadline:
          input.signupDeadline ??
          (input.startsAt && shift.signupDeadline > input.startsAt
            ? input.startsAt
            : shift.signupDeadline),
      };
      this.requireWellFormed(next);
      if (next.maxWalkers < shift.confirmedCount) {
        throw DomainError.badInput('More walkers are confirmed than that', {
          maxWalkers: [`must be at least the ${shift.confirmedCount} walkers already confirmed`],
        });
      }
      const moved =
        next.startsAt.getTime() !== shift.startsAt.getTime() ||
        next.endsAt.getTime() !== shift.endsAt.getTime();
      if (moved) await this.requireNoOverlapForWalkers(manager, { ...shift, ...next });
      // A walk moved to another time gets its reminder again.
      if (next.startsAt.getTime() !== shift.startsAt.getTime()) shift.reminderSentAt = null;
      Object.assign(shift, next);
      if (input.meetingPoint !== undefined) shift.meetingPoint = input.meetingPoint;
      if (input.requiredCredentials !== undefined)
        shift.requiredCredentials = input.requiredCredentials;
      await manager.save(shift);
      await this.waitlist.promote(manager, shift);
      return shift;
    });
    this.events.changed(updated);
    return updated;
  }

  /** PLANNED → CONFIRMED: the walk goes ahead (also when understaffed: the coordinator's call). */
  async confirm(actor: Actor, input: ShiftIdInput): Promise<Shift> {
    await this.requireManager(actor, input.shiftId, { verified: true });
    const confirmed = await this.database.transaction(async (manager) => {
      const shift = await this.database.findOneForUpdate(manager, Shift, { id: input.shiftId });
      if (!shift) throw DomainError.notFound('Shift', input.shiftId);
      if (shift.status !== ShiftStatus.PLANNED) {
        throw DomainError.invalidTransition('Shift', shift.status, ShiftStatus.CONFIRMED);
      }
      shift.status = ShiftStatus.CONFIRMED;
      return manager.save(shift);
    });
    this.events.changed(confirmed);
    return confirmed;
  }

  /**
   * Cancels a walk (before or during it, not once it is over): every confirmed or waitlisted signup
   * is cancelled and its person notified. Also for a suspended organisation, winding down.
   */
  async cancel(actor: Actor, input: CancelShiftInput): Promise<Shift> {
    await this.requireManager(actor, input.shiftId);
    const cancelled = await this.database.transaction(async (manager) => {
      const shift = await this.lockOpen(manager, input.shiftId, ShiftStatus.CANCELLED);
      if (shift.endsAt <= this.clock.now()) {
        throw DomainError.invalidTransition('Shift', 'ENDED', ShiftStatus.CANCELLED);
      }
      const signedUp = await manager.findBy(Signup, {
        shiftId: shift.id,
        status: In([SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]),
      });
      const now = this.clock.now();
      if (signedUp.length > 0) {
        await manager.update(
          Signup,
          { id: In(signedUp.map((signup) => signup.id)) },
          { status: SignupStatus.CANCELLED, cancelledAt: now },
        );
      }
      Object.assign(shift, {
        status: ShiftStatus.CANCELLED,
        cancelReason: input.reason,
        confirmedCount: 0,
        waitlistCount: 0,
      });
      await manager.save(shift);
      await this.notifications.notify(
        manager,
        signedUp.map((signup) => ({
          recipientPersonId: signup.personId,
          kind: NotificationKind.SHIFT_CANCELLED,
          params: {
            startsAt: shift.startsAt,
            meetingPoint: shift.meetingPoint,
            reason: input.reason,
          },
          data: { shiftId: shift.id, signupId: signup.id },
        })),
      );
      return shift;
    });
    this.events.changed(cancelled);
    return cancelled;
  }

  private newShift(
    manager: EntityManager,
    input: CreateShiftInput | CreateShiftSeriesInput,
    shape: ShiftShape,
    createdById: string,
    seriesId: string | null,
  ): Shift {
    return manager.create(Shift, {
      organisationId: input.organisationId,
      districtId: input.districtId,
      seriesId,
      startsAt: shape.startsAt,
      endsAt: shape.endsAt,
      meetingPoint: input.meetingPoint,
      minWalkers: shape.minWalkers,
      maxWalkers: shape.maxWalkers,
      requiredCredentials: input.requiredCredentials,
      signupDeadline: shape.signupDeadline,
      status: ShiftStatus.PLANNED,
      cancelReason: null,
      confirmedCount: 0,
      waitlistCount: 0,
      nextQueueNumber: 0,
      reminderSentAt: null,
      createdById,
    });
  }

  private requireWellFormed(shape: ShiftShape): void {
    const problems = shiftShapeProblems(shape, this.clock.now());
    if (Object.keys(problems).length > 0)
      throw DomainError.badInput('The walk is not well-formed', problems);
  }

  /** A COORDINATOR or ORG_ADMIN of a verified organisation, publishing in an existing district. */
  private async requirePublisher(
    actor: Actor,
    organisationId: string,
    districtId: string,
  ): Promise<string> {
    const organisation = await this.organisations.get(organisationId);
    await this.access.requireRole(actor, organisation.id, MANAGERS);
    this.organisations.requireVerified(organisation);
    await this.districts.requireExisting([districtId], 'districtId');
    if (!isPerson(actor)) throw DomainError.forbidden();
    return actor.personId;
  }

  /** A COORDINATOR or ORG_ADMIN of the walk's organisation; `verified` also needs it VERIFIED. */
  private async requireManager(
    actor: Actor,
    shiftId: string,
    options: { verified?: boolean } = {},
  ): Promise<void> {
    const shift = await this.shifts.get(shiftId);
    await this.access.requireRole(actor, shift.organisationId, MANAGERS);
    if (options.verified) {
      this.organisations.requireVerified(await this.organisations.get(shift.organisationId));
    }
  }

  /** Each confirmed walker of `shift` (at its new times) has no other place overlapping it. */
  private async requireNoOverlapForWalkers(
    manager: EntityManager,
    shift: Pick<Shift, 'id' | 'startsAt' | 'endsAt'>,
  ): Promise<void> {
    const conflicts = await this.waitlist.walkersWithOverlaps(manager, shift);
    if (conflicts.length > 0) {
      throw new DomainError(
        ErrorCode.SCHEDULE_CONFLICT,
        'At the new times, confirmed walkers would have places on overlapping walks',
        { conflicts },
      );
    }
  }

  /** The shift, locked, provided it is still PLANNED or CONFIRMED. */
  private async lockOpen(manager: EntityManager, shiftId: string, target: string): Promise<Shift> {
    const shift = await this.database.findOneForUpdate(manager, Shift, { id: shiftId });
    if (!shift) throw DomainError.notFound('Shift', shiftId);
    if (!OPEN_SHIFT_STATUSES.includes(shift.status))
      throw DomainError.invalidTransition('Shift', shift.status, target);
    return shift;
  }
}
