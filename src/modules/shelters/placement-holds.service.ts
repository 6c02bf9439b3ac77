import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ANONYMOUS } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit';
import {
  PlacementRequest,
  placementSnapshot,
  PlacementStatus,
} from './entities/placement-request.entity';
import { Shelter } from './entities/shelter.entity';
import { PlacementNotices } from './placement-notices.service';
import { openPlaces } from './shelters.rules';

/**
 * The places accepted placements hold at a shelter. Every change is one UPDATE of the shelter's
 * row inside the caller's transaction; a hold is only taken while the held places stay within the
 * free places (the row lock makes concurrent acceptances wait and re-check), and CHECK constraints
 * refuse any other outcome. Locks are always taken placement first, then shelter.
 */
@Injectable()
export class PlacementHolds {
  constructor(
    private readonly audit: AuditService,
    private readonly notices: PlacementNotices,
    private readonly config: AppConfig,
  ) {}

  /** When a hold taken now runs out (PLACEMENT_HOLD_MINUTES). */
  expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.shelters.placementHoldMinutes * 60_000);
  }

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

  /** Accepted placements whose hold has run out (at one shelter, or everywhere), oldest first. */
  due(manager: EntityManager, now: Date, shelterId?: string): Promise<PlacementRequest[]> {
    const query = manager
      .createQueryBuilder(PlacementRequest, 'placement')
      .where('placement.status = :accepted', { accepted: PlacementStatus.ACCEPTED })
      .andWhere('placement.holdExpiresAt <= :now', { now })
      .orderBy('placement.holdExpiresAt', 'ASC')
      .addOrderBy('placement.id', 'ASC');
    if (shelterId) query.andWhere('placement.shelterId = :shelterId', { shelterId });
    return query.getMany();
  }

  /**
   * Expires accepted placements of ONE shelter whose hold ran out and frees their places: first
   * every placement's row, then the shelter's once (the lock order of every other write). Both
   * sides are notified; the audit log records it as the system's doing. Returns the shelter, or
   * null when every placement had moved on meanwhile.
   */
  async expire(
    manager: EntityManager,
    placements: PlacementRequest[],
    now: Date,
  ): Promise<Shelter | null> {
    const expired: PlacementRequest[] = [];
    for (const placement of placements) {
      const before = placementSnapshot(placement);
      const changed = await manager.update(
        PlacementRequest,
        { id: placement.id, status: PlacementStatus.ACCEPTED },
        { status: PlacementStatus.EXPIRED, closedAt: now },
      );
      if (!changed.affected) continue;
      placement.status = PlacementStatus.EXPIRED;
      placement.closedAt = now;
      expired.push(placement);
      await this.audit.record(manager, ANONYMOUS, {
        action: 'placement.expired',
        entityType: 'PlacementRequest',
        entityId: placement.id,
        before,
        after: placementSnapshot(placement),
      });
      await this.notices.expired(manager, placement);
    }
    if (expired.length === 0) return null;
    const shelterIds = new Set(expired.map((placement) => placement.shelterId));
    if (shelterIds.size !== 1) throw new Error('expire() takes the placements of one shelter');
    return this.change(manager, expired[0], {
      heldAdultPlaces: () => `"heldAdultPlaces" - ${sum(expired, 'adults')}`,
      heldChildPlaces: () => `"heldChildPlaces" - ${sum(expired, 'children')}`,
    });
  }
}

function sum(placements: PlacementRequest[], field: 'adults' | 'children'): number {
  return placements.reduce((total, placement) => total + placement[field], 0);
}
