import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, isPerson, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { stockholmDate, toStockholmIso } from '../../common/time';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { CredentialsService } from '../credentials';
import { NotificationKind, NotificationsService } from '../notifications';
import { MANAGERS, OrganisationAccess, OrganisationsService } from '../organisations';
import { PeopleService } from '../people';
import { SignUpForShiftInput, SignupIdInput } from './dto/shift.inputs';
import { OPEN_SHIFT_STATUSES, Shift, ShiftStatus } from './entities/shift.entity';
import { Signup, SignupStatus } from './entities/signup.entity';
import { checkInOpen, signupClosed } from './night-walks.rules';
import { ShiftEvents } from './shift-events.service';
import { ShiftsService } from './shifts.service';
import { WaitlistService } from './waitlist.service';

/**
 * Signing up, cancelling and checking in. Places are claimed with a conditional UPDATE on the
 * shift's row (`confirmedCount < maxWalkers`), so confirmed walkers never exceed the places, however
 * many requests arrive at once; each person's signups run one after the other (their row is locked),
 * so nobody gets two overlapping walks.
 */
@Injectable()
export class SignupsService {
  constructor(
    private readonly database: Database,
    private readonly shifts: ShiftsService,
    private readonly access: OrganisationAccess,
    private readonly organisations: OrganisationsService,
    private readonly credentials: CredentialsService,
    private readonly people: PeopleService,
    private readonly waitlist: WaitlistService,
    private readonly notifications: NotificationsService,
    private readonly events: ShiftEvents,
    private readonly clock: Clock,
  ) {}

  async signUp(actor: Actor, input: SignUpForShiftInput): Promise<Signup> {
    const person = requirePerson(actor, 'Only a signed-in person can sign up');
    const shift = await this.shifts.getVisible(actor, input.shiftId);
    if (!(await this.access.isActiveMember(actor, shift.organisationId))) {
      throw DomainError.forbidden(
        'Only active members of the organisation that runs the walk can sign up',
      );
    }
    // A suspended organisation's walks take no new walkers (its members still see them).
    this.organisations.requireVerified(await this.organisations.get(shift.organisationId));
    const missing = await this.credentials.missingKinds(
      person.personId,
      shift.organisationId,
      shift.requiredCredentials,
      stockholmDate(shift.endsAt),
    );
    if (missing.length > 0) {
      throw new DomainError(
        ErrorCode.CREDENTIAL_REQUIRED,
        'A required credential is missing, unverified or expires before the walk ends',
        { missing },
      );
    }
    // As read: the common refusal without a transaction (the claim below checks it again).
    this.refuseClosed(shift, this.clock.now());
    try {
      const { signup, changed } = await this.database.transaction(async (manager) => {
        // One person's signups run one after the other, so nobody gets two overlapping walks.
        await this.people.lockSignedIn(manager, person.personId);
        const existing = await this.shifts.getSignupOf(person.personId, shift.id, manager);
        if (existing) {
          throw new DomainError(
            ErrorCode.ALREADY_SIGNED_UP,
            'You are already signed up for this walk',
            {
              signupId: existing.id,
              status: existing.status,
            },
          );
        }
        await this.refuseOverlap(manager, person.personId, shift);
        const { status, current } = await this.claimPlace(manager, shift, input.joinWaitlist);
        // The walk was moved since it was read: its new times decide.
        if (
          current.startsAt.getTime() !== shift.startsAt.getTime() ||
          current.endsAt.getTime() !== shift.endsAt.getTime()
        ) {
          await this.refuseOverlap(manager, person.personId, current);
        }
        const created = manager.create(Signup, {
          id: randomUUID(),
          shiftId: current.id,
          personId: person.personId,
          status,
          // The number the claim drew: the shift's counter after its increment.
          queueNumber: current.nextQueueNumber,
          createdAt: this.clock.now(),
          checkedInAt: null,
          promotedAt: null,
          cancelledAt: null,
        });
        await this.database.insertRow(manager, Signup, created);
        if (status === SignupStatus.CONFIRMED) {
          await this.notifications.notify(manager, [
            {
              recipientPersonId: person.personId,
              kind: NotificationKind.SIGNUP_CONFIRMED,
              params: { startsAt: current.startsAt, meetingPoint: current.meetingPoint },
              data: { shiftId: current.id, signupId: created.id },
            },
          ]);
        }
        return { signup: created, changed: current };
      });
      this.events.changed(changed);
      return signup;
    } catch (error) {
      // Two requests of one person raced past the check: the unique index decided.
      if (isUniqueViolation(error)) {
        throw new DomainError(
          ErrorCode.ALREADY_SIGNED_UP,
          'You are already signed up for this walk',
        );
      }
      throw error;
    }
  }

  /** SCHEDULE_CONFLICT when the person holds a place on a walk overlapping `shift`. */
  private async refuseOverlap(
    manager: EntityManager,
    personId: string,
    shift: Pick<Shift, 'id' | 'startsAt' | 'endsAt'>,
  ): Promise<void> {
    const conflict = await this.waitlist.overlappingPlace(manager, personId, shift);
    if (conflict) {
      throw new DomainError(
        ErrorCode.SCHEDULE_CONFLICT,
        'You already have a place on a walk at that time',
        {
          shiftId: conflict.id,
        },
      );
    }
  }

  /**
   * Takes a place if one is free, else a place in the queue if the caller asked for it, and
   * returns the shift as that statement left it (its counters, its times, the queue number
   * drawn). Each claim is one conditional UPDATE … RETURNING, which locks the shift's row; the
   * first only succeeds while places remain. A claim on a walk whose signups have closed is undone
   * with the transaction.
   */
  private async claimPlace(
    manager: EntityManager,
    shift: Shift,
    joinWaitlist: boolean,
  ): Promise<{ status: SignupStatus; current: Shift }> {
    const now = this.clock.now();
    const seated = await this.claim(manager, shift.id, 'confirmedCount', true);
    if (seated) {
      this.refuseClosed(seated, now);
      return { status: SignupStatus.CONFIRMED, current: seated };
    }
    const current = await manager.findOneByOrFail(Shift, { id: shift.id });
    this.refuseClosed(current, now);
    if (!joinWaitlist) {
      throw new DomainError(ErrorCode.SHIFT_FULL, 'The walk is full', {
        maxWalkers: current.maxWalkers,
      });
    }
    const queued = await this.claim(manager, shift.id, 'waitlistCount', false);
    if (!queued) throw new DomainError(ErrorCode.SIGNUP_CLOSED, 'Signups for this walk are closed');
    this.refuseClosed(queued, now);
    return { status: SignupStatus.WAITLISTED, current: queued };
  }

  /** SIGNUP_CLOSED when the walk takes no signups now (its status, its deadline, its start). */
  private refuseClosed(shift: Shift, now: Date): void {
    if (!OPEN_SHIFT_STATUSES.includes(shift.status) || signupClosed(shift, now)) {
      throw new DomainError(ErrorCode.SIGNUP_CLOSED, 'Signups for this walk are closed', {
        status: shift.status,
        signupDeadline: toStockholmIso(shift.signupDeadline),
      });
    }
  }

  /**
   * Adds one to `counter` (and draws the next queue number) on an open walk, only while places
   * remain when `seat`; the row as updated, or null when no row matched.
   */
  private async claim(
    manager: EntityManager,
    shiftId: string,
    counter: 'confirmedCount' | 'waitlistCount',
    seat: boolean,
  ): Promise<Shift | null> {
    const [id, ...open] = this.database.placeholders(1 + OPEN_SHIFT_STATUSES.length);
    const rows = await this.database.queryIn(
      manager,
      `UPDATE "shifts" SET "${counter}" = "${counter}" + 1, ` +
        `"nextQueueNumber" = "nextQueueNumber" + 1, "updatedAt" = ${this.database.now()} ` +
        `WHERE "id" = ${id} AND "status" IN (${open.join(', ')})` +
        (seat ? ` AND "confirmedCount" < "maxWalkers"` : '') +
        ' RETURNING *',
      [shiftId, ...OPEN_SHIFT_STATUSES],
    );
    return rows.length > 0 ? this.shifts.hydrate(rows[0]) : null;
  }

  /**
   * The person cancels (until the walk starts), or the organisation's COORDINATOR or ORG_ADMIN
   * does. A confirmed place goes to the first person on the waitlist in the same transaction.
   */
  async cancel(actor: Actor, input: SignupIdInput): Promise<Signup> {
    const found = await this.shifts.getSignup(input.signupId);
    const shift = await this.shifts.get(found.shiftId);
    const own = isPerson(actor) && actor.personId === found.personId;
    const manager = await this.access.hasRole(actor, shift.organisationId, MANAGERS);
    if (!own && !manager)
      throw DomainError.forbidden('Only the walker or a coordinator can cancel this signup');
    const now = this.clock.now();
    if (!manager && now >= shift.startsAt) {
      throw new DomainError(ErrorCode.SIGNUP_CLOSED, 'The walk has started; ask a coordinator');
    }
    // After the walk, attendance is what it was: a coordinator corrects it with checkIn.
    if (now >= shift.endsAt) {
      throw DomainError.invalidTransition('Shift', 'ENDED', SignupStatus.CANCELLED);
    }
    const { cancelled, changed } = await this.database.transaction(async (entityManager) => {
      const locked = await this.database.findOneForUpdate(entityManager, Shift, { id: shift.id });
      if (!locked) throw DomainError.notFound('Shift', shift.id);
      const signup = await entityManager.findOneByOrFail(Signup, { id: found.id });
      if (signup.status !== SignupStatus.CONFIRMED && signup.status !== SignupStatus.WAITLISTED) {
        throw DomainError.invalidTransition('Signup', signup.status, SignupStatus.CANCELLED);
      }
      const was = signup.status;
      signup.status = SignupStatus.CANCELLED;
      signup.cancelledAt = this.clock.now();
      // Conditional: a check-in committed meanwhile (it does not lock the shift) wins.
      const changedRow = await entityManager.update(
        Signup,
        { id: signup.id, status: was },
        { status: signup.status, cancelledAt: signup.cancelledAt },
      );
      if (!changedRow.affected) {
        throw DomainError.invalidTransition('Signup', 'CHANGED', SignupStatus.CANCELLED);
      }
      if (was === SignupStatus.CONFIRMED) locked.confirmedCount -= 1;
      else locked.waitlistCount -= 1;
      await entityManager.update(
        Shift,
        { id: locked.id },
        { confirmedCount: locked.confirmedCount, waitlistCount: locked.waitlistCount },
      );
      if (OPEN_SHIFT_STATUSES.includes(locked.status))
        await this.waitlist.promote(entityManager, locked);
      return { cancelled: signup, changed: locked };
    });
    this.events.changed(changed);
    return cancelled;
  }

  /**
   * Marks a confirmed walker ATTENDED. The walker checks in from an hour before the start until the
   * end; a coordinator can also check in afterwards, and correct a NO_SHOW.
   */
  async checkIn(actor: Actor, input: SignupIdInput): Promise<Signup> {
    const found = await this.shifts.getSignup(input.signupId);
    const shift = await this.shifts.get(found.shiftId);
    const own = isPerson(actor) && actor.personId === found.personId;
    const manager = await this.access.hasRole(actor, shift.organisationId, MANAGERS);
    if (!own && !manager)
      throw DomainError.forbidden('Only the walker or a coordinator can check in');
    if (shift.status === ShiftStatus.CANCELLED)
      throw DomainError.invalidTransition('Shift', shift.status, 'CHECK_IN');
    const now = this.clock.now();
    if (!checkInOpen(shift, now, { byCoordinator: manager })) {
      throw new DomainError(
        ErrorCode.CHECK_IN_CLOSED,
        'Check-in opens an hour before the walk and closes when it ends',
        {
          startsAt: toStockholmIso(shift.startsAt),
          endsAt: toStockholmIso(shift.endsAt),
        },
      );
    }
    const allowedFrom = manager
      ? [SignupStatus.CONFIRMED, SignupStatus.NO_SHOW]
      : [SignupStatus.CONFIRMED];
    const signup = await this.database.transaction(async (entityManager) => {
      // Conditional, so a cancellation that committed meanwhile is not overwritten.
      const marked = await entityManager.update(
        Signup,
        { id: found.id, status: In(allowedFrom) },
        { status: SignupStatus.ATTENDED, checkedInAt: now },
      );
      const current = await entityManager.findOneByOrFail(Signup, { id: found.id });
      if (!marked.affected) {
        throw DomainError.invalidTransition('Signup', current.status, SignupStatus.ATTENDED);
      }
      return current;
    });
    return signup;
  }
}
