import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationKind, NotificationsService } from '../notifications';
import { MembershipRole, OrganisationAccess } from '../organisations';

export interface GrantNotice {
  kind: NotificationKind;
  subject: string;
  body: string;
  data: Record<string, unknown>;
}

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
    notice: GrantNotice,
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
