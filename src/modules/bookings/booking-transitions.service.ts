import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit';
import { Booking, BookingStatus, LIVE_BOOKING_STATUSES } from './entities/booking.entity';

/** What the audit log calls each change of a booking's status. */
const CHANGE = {
  [BookingStatus.CONFIRMED]: 'approved',
  [BookingStatus.REJECTED]: 'rejected',
  [BookingStatus.CANCELLED]: 'cancelled',
  [BookingStatus.EXPIRED]: 'expired',
} as const;

/**
 * The status changes of a booking, each one conditional UPDATE on the status it was read with (so
 * concurrent changes cannot both win) plus its audit entry, in the caller's transaction. Live
 * bookings are the only ones the overlap rules count, so leaving REQUESTED or CONFIRMED frees the
 * time in the same statement.
 */
@Injectable()
export class BookingTransitions {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The booking as it is now, provided it may still go to `target`: an answer (CONFIRMED,
   * REJECTED) only to a REQUESTED booking that has not started (after that it expires), a
   * cancellation to a live booking that has not ended. INVALID_STATE_TRANSITION otherwise.
   */
  async current(
    manager: EntityManager,
    bookingId: string,
    target: BookingStatus,
  ): Promise<Booking> {
    const booking = await manager.findOneByOrFail(Booking, { id: bookingId });
    const now = this.clock.now();
    if (target === BookingStatus.CANCELLED) {
      if (!LIVE_BOOKING_STATUSES.includes(booking.status))
        throw DomainError.invalidTransition('Booking', booking.status, target);
      if (booking.endsAt <= now) throw DomainError.invalidTransition('Booking', 'ENDED', target);
    } else {
      if (booking.status !== BookingStatus.REQUESTED)
        throw DomainError.invalidTransition('Booking', booking.status, target);
      if (booking.startsAt <= now)
        throw DomainError.invalidTransition('Booking', 'STARTED', target);
    }
    return booking;
  }

  /** One conditional UPDATE from the status read: a concurrent change makes it affect nothing. */
  async change(
    manager: EntityManager,
    actor: Actor,
    booking: Booking,
    status: keyof typeof CHANGE,
    fields: Partial<Booking>,
  ): Promise<Booking> {
    const result = await manager.update(
      Booking,
      { id: booking.id, status: In([booking.status]) },
      { status, ...fields },
    );
    if (!result.affected) throw DomainError.invalidTransition('Booking', 'CHANGED', status);
    // Nothing else of the row can have changed while its status still matched.
    const changed = manager.create(Booking, { ...booking, status, ...fields });
    await this.audit.record(manager, actor, {
      action: `booking.${CHANGE[status]}`,
      entityType: 'Booking',
      entityId: booking.id,
      before: { status: booking.status },
      after: { status },
      ...(fields.rejectionReason || fields.cancelReason
        ? { detail: { reason: fields.rejectionReason ?? fields.cancelReason } }
        : {}),
    });
    return changed;
  }
}
