import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ANONYMOUS } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AuditService } from '../audit';
import { NotificationKind, NotificationsService } from '../notifications';
import { MANAGERS, OrganisationAccess } from '../organisations';
import {
  PlacementRequest,
  placementSnapshot,
  PlacementStatus,
} from './entities/placement-request.entity';
import { Shelter } from './entities/shelter.entity';
import { openPlaces } from './shelters.rules';

/**
 * The places accepted placements hold at a shelter. Every change is one UPDATE of the shelter's
 * row inside the caller's transaction; a hold is only taken while the held places stay within the
 * free places (the row lock makes concurrent acceptances wait and re-check), and CHECK constraints
 * refuse any other outcome.
 */
@Injectable()
export class PlacementHolds {
  constructor(
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Holds the placement's places, or SHELTER_AT_CAPACITY when that many are not free. */
  async hold(manager: EntityManager, placement: PlacementRequest): Promise<Shelter> {
    const held = await manager
      .createQueryBuilder()
      .update(Shelter)
      .set({
        heldAdultPlaces: () => '"heldAdultPlaces" + :adults',
        heldChildPlaces: () => '"heldChildPlaces" + :children',
      })
      .where('id = :id AND active = :active', { id: placement.shelterId, active: true })
      .andWhere('"heldAdultPlaces" + :adults <= "freeAdultPlaces"')
      .andWhere('"heldChildPlaces" + :children <= "freeChildPlaces"')
      .setParameters({ adults: placement.adults, children: placement.children })
      .execute();
    const shelter = await manager.findOneByOrFail(Shelter, { id: placement.shelterId });
    if (!held.affected) {
      const open = openPlaces(shelter);
      throw new DomainError(
        ErrorCode.SHELTER_AT_CAPACITY,
        'Not that many free places: report the free places first, or decline',
        { openAdultPlaces: open.adults, openChildPlaces: open.children },
      );
    }
    return shelter;
  }

  /** A confirmed placement: its held places become taken (no longer free). */
  take(manager: EntityManager, placement: PlacementRequest): Promise<Shelter> {
    return this.change(manager, placement, {
      heldAdultPlaces: () => '"heldAdultPlaces" - :adults',
      heldChildPlaces: () => '"heldChildPlaces" - :children',
      freeAdultPlaces: () => '"freeAdultPlaces" - :adults',
      freeChildPlaces: () => '"freeChildPlaces" - :children',
    });
  }

  /** A cancelled or expired hold: its places are free for others again. */
  release(manager: EntityManager, placement: PlacementRequest): Promise<Shelter> {
    return this.change(manager, placement, {
      heldAdultPlaces: () => '"heldAdultPlaces" - :adults',
      heldChildPlaces: () => '"heldChildPlaces" - :children',
    });
  }

  private async change(
    manager: EntityManager,
    placement: PlacementRequest,
    set: Record<string, () => string>,
  ): Promise<Shelter> {
    await manager
      .createQueryBuilder()
      .update(Shelter)
      .set(set)
      .where('id = :id', { id: placement.shelterId })
      .setParameters({ adults: placement.adults, children: placement.children })
      .execute();
    return manager.findOneByOrFail(Shelter, { id: placement.shelterId });
  }

  /**
   * Expires accepted placements whose hold ran out (at one shelter, or everywhere) and frees their
   * places; both sides are notified. Returns the shelters whose availability changed.
   */
  async releaseExpired(
    manager: EntityManager,
    shelterId: string | null,
    now: Date,
  ): Promise<Shelter[]> {
    const query = manager
      .createQueryBuilder(PlacementRequest, 'placement')
      .where('placement.status = :accepted', { accepted: PlacementStatus.ACCEPTED })
      .andWhere('placement.holdExpiresAt <= :now', { now })
      .orderBy('placement.holdExpiresAt', 'ASC');
    if (shelterId) query.andWhere('placement.shelterId = :shelterId', { shelterId });
    const due = await query.getMany();
    const changed = new Map<string, Shelter>();
    for (const placement of due) {
      const before = placementSnapshot(placement);
      const expired = await manager.update(
        PlacementRequest,
        { id: placement.id, status: PlacementStatus.ACCEPTED },
        { status: PlacementStatus.EXPIRED, closedAt: now },
      );
      if (!expired.affected) continue;
      placement.status = PlacementStatus.EXPIRED;
      placement.closedAt = now;
      changed.set(placement.shelterId, await this.release(manager, placement));
      await this.audit.record(manager, ANONYMOUS, {
        action: 'placement.expired',
        entityType: 'PlacementRequest',
        entityId: placement.id,
        before,
        after: placementSnapshot(placement),
      });
      const staff = await this.access.activePeopleWithRole(
        placement.organisationId,
        MANAGERS,
        manager,
      );
      await this.notifications.notify(
        manager,
        [placement.requestedById, ...staff].map((recipientPersonId) => ({
          recipientPersonId,
          kind: NotificationKind.PLACEMENT_EXPIRED,
          subject: 'Reserverad plats har släppts',
          body: `Placeringen (${placement.caseReference}) bekräftades inte i tid; platserna är lediga igen.`,
          data: { placementId: placement.id, status: placement.status },
        })),
      );
    }
    return [...changed.values()];
  }
}
