import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toStockholmIso } from '../../common/time';
import { NotificationKind, NotificationsService } from '../notifications';
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
      subject: 'Ny förfrågan om plats',
      body: 'Socialtjänsten frågar efter plats hos er. Svara i Samverkan.',
    });
  }

  /** To the requester: the shelter accepted (places held until …) or declined. */
  answered(manager: EntityManager, placement: PlacementRequest): Promise<void> {
    const accepted = placement.holdExpiresAt !== null;
    return this.toRequester(manager, placement, {
      kind: NotificationKind.PLACEMENT_ANSWERED,
      subject: accepted ? 'Platsen är reserverad' : 'Förfrågan om plats avböjdes',
      body: accepted
        ? `Boendet håller platserna till ${toStockholmIso(placement.holdExpiresAt as Date)}. ` +
          'Bekräfta placeringen innan dess.'
        : 'Boendet kan inte ta emot. Se svaret i Samverkan.',
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
      subject: 'Placeringen är bekräftad',
      body: 'En placering är bekräftad. Se Samverkan.',
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
      subject: 'Förfrågan om plats återkallades',
      body: 'En förfrågan om plats har återkallats. Se Samverkan.',
    });
  }

  /** To both sides: the hold ran out and its places are free again. */
  async expired(manager: EntityManager, placement: PlacementRequest): Promise<void> {
    const notice = {
      kind: NotificationKind.PLACEMENT_EXPIRED,
      subject: 'Reserverad plats har släppts',
      body: 'En placering bekräftades inte i tid; platserna är lediga igen.',
    };
    await this.toRequester(manager, placement, notice);
    await this.toShelter(manager, placement, notice);
  }

  private toOtherSide(
    manager: EntityManager,
    placement: PlacementRequest,
    byShelter: boolean,
    notice: Notice,
  ): Promise<void> {
    return byShelter
      ? this.toRequester(manager, placement, notice)
      : this.toShelter(manager, placement, notice);
  }

  private toRequester(manager: EntityManager, placement: PlacementRequest, notice: Notice) {
    return this.send(manager, placement, [placement.requestedById], notice);
  }

  private async toShelter(manager: EntityManager, placement: PlacementRequest, notice: Notice) {
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
    notice: Notice,
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

interface Notice {
  kind: NotificationKind;
  subject: string;
  body: string;
}
