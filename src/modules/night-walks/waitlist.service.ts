import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { toStockholmIso } from '../../common/time';
import { NotificationKind, NotificationsService } from '../notifications';
import { PeopleService } from '../people';
import { Shift } from './entities/shift.entity';
import { Signup, SignupStatus } from './entities/signup.entity';
import { overlaps } from './night-walks.rules';

/**
 * Moves people from a walk's waitlist to free places, first come first served, inside the
 * caller's transaction (which holds the shift's row). Someone who meanwhile got a place on an
 * overlapping walk keeps their turn and is passed over for now.
 */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly people: PeopleService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Fills free places on `shift` (already locked, counts current) and updates its counters. */
  async promote(manager: EntityManager, shift: Shift): Promise<Signup[]> {
    const promoted: Signup[] = [];
    if (shift.confirmedCount >= shift.maxWalkers || shift.waitlistCount === 0) return promoted;
    const waiting = await manager.find(Signup, {
      where: { shiftId: shift.id, status: SignupStatus.WAITLISTED },
      order: { queueNumber: 'ASC' },
    });
    for (const candidate of waiting) {
      if (shift.confirmedCount >= shift.maxWalkers) break;
      await this.people.lockForUpdate(manager, candidate.personId);
      if (await this.overlappingPlace(manager, candidate.personId, shift)) continue;
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
          subject: 'Du har fått en plats på nattvandringen',
          body: `En plats blev ledig: du är nu anmäld till nattvandringen som börjar ${toStockholmIso(shift.startsAt)} vid ${shift.meetingPoint}.`,
          data: { shiftId: shift.id, signupId: signup.id },
        })),
      );
    }
    return promoted;
  }

  /** A walk overlapping `shift` on which the person holds a place (confirmed or attended), if any. */
  async overlappingPlace(
    manager: EntityManager,
    personId: string,
    shift: Shift,
  ): Promise<Shift | null> {
    const places = await manager
      .createQueryBuilder(Shift, 'other')
      .innerJoin(Signup, 'signup', 'signup.shiftId = other.id')
      .where('signup.personId = :personId', { personId })
      .andWhere('signup.status IN (:...statuses)', {
        statuses: [SignupStatus.CONFIRMED, SignupStatus.ATTENDED],
      })
      .andWhere('other.id <> :shiftId', { shiftId: shift.id })
      .andWhere('other.startsAt < :endsAt', { endsAt: shift.endsAt })
      .andWhere('other.endsAt > :startsAt', { startsAt: shift.startsAt })
      .getMany();
    return places.find((other) => overlaps(other, shift)) ?? null;
  }
}
