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
    try {
      const { signup, changed } = await this.database.transaction(async (manager) => {
        await this.people.lockForUpdate(manager, person.personId);
        const current = await manager.findOneBy(Shift, { id: shift.id });
        if (!current) throw DomainError.notFound('Shift', shift.id);
        if (
          !OPEN_SHIFT_STATUSES.includes(current.status) ||
          signupClosed(current, this.clock.now())
        ) {
          throw new DomainError(ErrorCode.SIGNUP_CLOSED, 'Signups for this walk are closed', {
            status: current.status,
            signupDeadline: toStockholmIso(current.signupDeadline),
          });
        }
        const existing = await this.shifts.getSignupOf(person.personId, current.id, manager);
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
        const conflict = await this.waitlist.overlappingPlace(manager, person.personId, current);
        if (conflict) {
          throw new DomainError(
            ErrorCode.SCHEDULE_CONFLICT,
            'You already have a place on a walk at that time',
            {
              shiftId: conflict.id,
            },
          );
        }
        const status = await this.claimPlace(manager, current, input.joinWaitlist);
        const { nextQueueNumber } = await manager.findOneOrFail(Shift, {
          where: { id: current.id },
          select: { id: true, nextQueueNumber: true },
        });
        const created = await manager.save(
          manager.create(Signup, {
            shiftId: current.id,
            personId: person.personId,
            status,
            queueNumber: nextQueueNumber,
            createdAt: this.clock.now(),
            checkedInAt: null,
            promotedAt: null,
            cancelledAt: null,
          }),
        );
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
        return {
          signup: created,
          changed: await manager.findOneByOrFail(Shift, { id: current.id }),
        };
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

  /**
   * Takes a place if one is free, else a place in the queue if the caller asked for it. Both
   * statements lock the shift's row; the first only succeeds while places remain.
   */
  private async claimPlace(
    manager: EntityManager,
    shift: Shift,
    joinWaitlist: boolean,
  ): Promise<SignupStatus> {
    const seated = await manager
      .createQueryBuilder()
      .update(Shift)
      .set({
        confirmedCount: () => '"confirmedCount" + 1',
        nextQueueNumber: () => '"nextQueueNumber" + 1',
      })
      .where('id = :id AND status IN (:...open)', { id: shift.id, open: OPEN_SHIFT_STATUSES })
      .andWhere('"confirmedCount" < "maxWalkers"')
      .execute();
    if (seated.affected) return SignupStatus.CONFIRMED;
    const { status } = await manager.findOneOrFail(Shift, {
      where: { id: shift.id },
      select: { id: true, status: true },
    });
    if (!OPEN_SHIFT_STATUSES.includes(status)) {
      throw new DomainError(ErrorCode.SIGNUP_CLOSED, 'Signups for this walk are closed', {
        status,
      });
    }
    if (!joinWaitlist) {
      throw new DomainError(ErrorCode.SHIFT_FULL, 'The walk is full', {
        maxWalkers: shift.maxWalkers,
      });
    }
    const queued = await manager
      .createQueryBuilder()
      .update(Shift)
      .set({
        waitlistCount: () => '"waitlistCount" + 1',
        nextQueueNumber: () => '"nextQueueNumber" + 1',
      })
      .where('id = :id AND status IN (:...open)', { id: shift.id, open: OPEN_SHIFT_STATUSES })
      .execute();
    if (!queued.affected)
      throw new DomainError(ErrorCode.SIGNUP_CLOSED, 'Signups for this walk are closed');
    return SignupStatus.WAITLISTED;
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
