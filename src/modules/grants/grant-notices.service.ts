import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationsService, type UnaddressedNotice } from '../notifications';
import { MembershipRole, OrganisationAccess } from '../organisations';

/**
 * Notifications about an application go to the applying organisation's ACTIVE ORG_ADMINs, stored
 * in the caller's transaction (so they exist exactly when the change does).
 */
@Injectable()
export class GrantNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly access: OrganisationAccess,
  ) {}

  async toOrganisationAdmins(
    manager: EntityManager,
    organisationId: string,
    notice: UnaddressedNotice,
  ): Promise<void> {
    const admins = await this.access.activePeopleWithRole(
      organisationId,
      [MembershipRole.ORG_ADMIN],
      manager,
    );
    await this.notifications.notify(
      manager,
      admins.map((personId) => ({ recipientPersonId: personId, ...notice })),
    );
  }
}
