import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationKind, NotificationsService } from '../notifications';
import { Membership, MembershipRole, MembershipStatus } from '../organisations';

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
  constructor(private readonly notifications: NotificationsService) {}

  async toOrganisationAdmins(
    manager: EntityManager,
    organisationId: string,
    notice: GrantNotice,
  ): Promise<void> {
    // A read of the organisation's current admins (the organisations module owns the table).
    const admins = await manager.find(Membership, {
      where: { organisationId, role: MembershipRole.ORG_ADMIN, status: MembershipStatus.ACTIVE },
      select: { id: true, personId: true },
    });
    await this.notifications.notify(
      manager,
      admins
        .filter((admin): admin is Membership & { personId: string } => admin.personId !== null)
        .map((admin) => ({ recipientPersonId: admin.personId, ...notice })),
    );
  }
}
