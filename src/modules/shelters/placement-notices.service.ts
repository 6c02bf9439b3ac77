import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationKind, NotificationsService, type NoticeParams } from '../notifications';
import { MANAGERS, OrganisationAccess } from '../organisations';
import { PlacementRequest } from './entities/placement-request.entity';

/**
 * The notifications about placement requests. They carry the kind, the request's id and its
 * status, never the case reference or free text: what was asked stays behind the audited reads
 * (`placementRequest`), and survives neither a recipient's leaving nor a mail transport.
 */
@Injectable()
export class PlacementNotices {
  constructor(
    private readonly access: OrganisationAccess,
    private readonly notifications: NotificationsService,
  ) {}

  /** To the shelter's coordinators: social services ask for places. */
  requested(manager: EntityManager, placement: PlacementRequest): Promise<void> {
    return this.toShelter(manager, placement, {
      kind: NotificationKind.PLACEMENT_REQUESTED,
      params: {},
    });
  }

  /** To the requester: the shelter accepted (places held until …) or declined. */
  answered(manager: EntityManager, placement: PlacementRequest): Promise<void> {
    return this.toRequester(manager, placement, {
      kind: NotificationKind.PLACEMENT_ANSWERED,
      params: { holdExpiresAt: placement.holdExpiresAt },
    });
  }

  /** To the side that did not act: the placement was confirmed. */
  confirmed(
    manager: EntityManager,
    placement: PlacementRequest,
    byShelter: boolean,
  ): Promise<void> {
    return this.toOtherSide(manager, placement, byShelter, {
      kind: NotificationKind.PLACEMENT_CONFIRMED,
      params: {},
    });
  }

  /** To the side that did not act: the request was withdrawn. */
  cancelled(
    manager: EntityManager,
    placement: PlacementRequest,
    byShelter: boolean,
  ): Promise<void> {
    return this.toOtherSide(manager, placement, byShelter, {
      kind: NotificationKind.PLACEMENT_CANCELLED,
      params: {},
    });
  }

  /** To both sides: the hold ran out and its places are free again. */
  async expired(manager: EntityManager, placement: PlacementRequest): Promise<void> {
    const notice: PlacementNotice = { kind: NotificationKind.PLACEMENT_EXPIRED, params: {} };
    await this.toRequester(manager, placement, notice);
    await this.toShelter(manager, placement, notice);
  }

  private toOtherSide(
    manager: EntityManager,
    placement: PlacementRequest,
    byShelter: boolean,
    notice: PlacementNotice,
  ): Promise<void> {
    return byShelter
      ? this.toRequester(manager, placement, notice)
      : this.toShelter(manager, placement, notice);
  }

  private toRequester(
    manager: EntityManager,
    placement: PlacementRequest,
    notice: PlacementNotice,
  ) {
    return this.send(manager, placement, [placement.requestedById], notice);
  }

  private async toShelter(
    manager: EntityManager,
    placement: PlacementRequest,
    notice: PlacementNotice,
  ) {
    const staff = await this.access.activePeopleWithRole(
      placement.organisationId,
      MANAGERS,
      manager,
    );
    await this.send(manager, placement, staff, notice);
  }

  private send(
    manager: EntityManager,
    placement: PlacementRequest,
    recipients: string[],
    notice: PlacementNotice,
  ): Promise<void> {
    return this.notifications.notify(
      manager,
      recipients.map((recipientPersonId) => ({
        recipientPersonId,
        ...notice,
        data: { placementId: placement.id, status: placement.status },
      })),
    );
  }
}

/** A placement notice before its recipients and ids are added: the kind and its facts only. */
type PlacementNotice = {
  [K in PlacementKind]: { kind: K; params: NoticeParams[K] };
}[PlacementKind];

type PlacementKind =
  | NotificationKind.PLACEMENT_REQUESTED
  | NotificationKind.PLACEMENT_ANSWERED
  | NotificationKind.PLACEMENT_CONFIRMED
  | NotificationKind.PLACEMENT_CANCELLED
  | NotificationKind.PLACEMENT_EXPIRED;
