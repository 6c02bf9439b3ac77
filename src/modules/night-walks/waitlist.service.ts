import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { stockholmDate } from '../../common/time';
import { CredentialsService } from '../credentials';
import { NotificationKind, NotificationsService } from '../notifications';
import { OrganisationAccess } from '../organisations';
import { PeopleService } from '../people';
import { Shift } from './entities/shift.entity';
import { SEATED_STATUSES, Signup, SignupStatus } from './entities/signup.entity';
import { overlaps } from './night-walks.rules';

/** A walk, or a walk as it would be at new times. */
type WalkTimes = Pick<Shift, 'id' | 'startsAt' | 'endsAt'>;

/**
 * Moves people from a walk's waitlist to free places, first come first served, inside the
 * caller's transaction (which holds the shift's row), until the walk starts. Someone who meanwhile
 * got a place on an overlapping walk, left the organisation or lacks a required credential keeps
 * their turn and is passed over for now.
 */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly people: PeopleService,
    private readonly access: OrganisationAccess,
    private readonly credentials: CredentialsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Fills free places on `shift` (already locked, counts current) and updates its counters. */
  async promote(manager: EntityManager, shift: Shift): Promise<Signup[]> {
    const promoted: Signup[] = [];
    if (shift.confirmedCount >= shift.maxWalkers || shift.waitlistCount === 0) return promoted;
    // Once the walk has begun nobody is called in: they would learn of it too late.
    if (this.clock.now() >= shift.startsAt) return promoted;
    const waiting = await manager.find(Signup, {
      where: { shiftId: shift.id, status: SignupStatus.WAITLISTED },
      order: { queueNumber: 'ASC' },
    });
    for (const candidate of waiting) {
      if (shift.confirmedCount >= shift.maxWalkers) break;
      await this.people.lockForUpdate(manager, candidate.personId);
      if (!(await this.mayTakePlace(manager, candidate.personId, shift))) continue;
      const claimed = await manager.update(
        Signup,
        { id: candidate.id, status: SignupStatus.WAITLISTED },
        { status: SignupStatus.CONFIRMED, promotedAt: this.clock.now() },
      );
      if (!claimed.affected) continue;
      shift.confirmedCount += 1;
      shift.waitlistCount -= 1;
      candidate.status = SignupStatus.CONFIRMED;
      promoted.push(candidate);
    }
    if (promoted.length > 0) {
      await manager.update(
        Shift,
        { id: shift.id },
        { confirmedCount: shift.confirmedCount, waitlistCount: shift.waitlistCount },
      );
      await this.notifications.notify(
        manager,
        promoted.map((signup) => ({
          recipientPersonId: signup.personId,
          kind: NotificationKind.PROMOTED_FROM_WAITLIST,
          params: { startsAt: shift.startsAt, meetingPoint: shift.meetingPoint },
          data: { shiftId: shift.id, signupId: signup.id },
        })),
      );
    }
    return promoted;
  }

  /** Still an active member, holding the required credentials, with no overlapping place. */
  private async mayTakePlace(
    manager: EntityManager,
    personId: string,
    shift: Shift,
  ): Promise<boolean> {
    if (!(await this.access.isActivePerson(personId, shift.organisationId, manager))) return false;
    const missing = await this.credentials.missingKinds(
      personId,
      shift.organisationId,
      shift.requiredCredentials,
      stockholmDate(shift.endsAt),
      manager,
    );
    if (missing.length > 0) return false;
    return (await this.overlappingPlace(manager, personId, shift)) === null;
  }

  /**
   * The confirmed walkers of `shift` (as it would be, e.g. at new times) who hold a place on another
   * walk overlapping it; each walker's row is locked, as a signup does, so none slips in meanwhile.
   */
  async walkersWithOverlaps(
    manager: EntityManager,
    shift: WalkTimes,
  ): Promise<{ signupId: string; shiftId: string }[]> {
    const walkers = await manager.find(Signup, {
      where: { shiftId: shift.id, status: SignupStatus.CONFIRMED },
      order: { personId: 'ASC' },
    });
    const conflicts: { signupId: string; shiftId: string }[] = [];
    for (const walker of walkers) {
      await this.people.lockForUpdate(manager, walker.personId);
      const other = await this.overlappingPlace(manager, walker.personId, shift);
      if (other) conflicts.push({ signupId: walker.id, shiftId: other.id });
    }
    return conflicts;
  }

  /** A walk overlapping `shift` on which the person holds a place (confirmed or attended), if any. */
  async overlappingPlace(
    manager: EntityManager,
    personId: string,
    shift: WalkTimes,
  ): Promise<Shift | null> {
    const places = await manager
      .createQueryBuilder(Shift, 'other')
      .innerJoin(Signup, 'signup', 'signup.shiftId = other.id')
      .where('signup.personId = :personId', { personId })
      .andWhere('signup.status IN (:...seated)', { seated: SEATED_STATUSES })
      .andWhere('other.id <> :shiftId', { shiftId: shift.id })
      .andWhere('other.startsAt < :endsAt', { endsAt: shift.endsAt })
      .andWhere('other.endsAt > :startsAt', { startsAt: shift.startsAt })
      .getMany();
    return places.find((other) => overlaps(other, shift)) ?? null;
  }
}
