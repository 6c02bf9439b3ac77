import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { TIME_ZONE } from '../../common/time';
import { AppConfig } from '../../config/app-config';
import { AccountMailKind, NotificationsService } from '../notifications';
import { Locale, Person } from '../people';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';

/** How long an invitation can be accepted. */
export const INVITATION_DAYS = 14;

/** An open invitation past its time (older invitations without one do not expire). */
export function isExpired(membership: Pick<Membership, 'invitationExpiresAt'>, now: Date): boolean {
  return membership.invitationExpiresAt !== null && membership.invitationExpiresAt <= now;
}

/**
 * The mail that carries an invitation's own code to the invited address, in the language of the
 * account that has the address (Swedish when none does). The caller's answer never depends on it.
 */
@Injectable()
export class InvitationMails {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  async send(
    manager: EntityManager,
    membership: Membership,
    organisation: Organisation,
    token: string,
    account: Pick<Person, 'id' | 'locale'> | null,
  ): Promise<void> {
    const locale = account?.locale ?? Locale.sv;
    const link =
      `${this.config.linkBaseUrl}/invitations/${membership.id}` +
      `?token=${encodeURIComponent(token)}`;
    const expiresOn = DateTime.fromJSDate(membership.invitationExpiresAt as Date, {
      zone: TIME_ZONE,
    })
      .setLocale(locale)
      .toFormat('d LLLL yyyy');
    await this.notifications.sendAccountMail(
      manager,
      { personId: account?.id ?? null, address: membership.invitedEmail as string, locale },
      {
        kind: AccountMailKind.MEMBERSHIP_INVITATION,
        params: {
          organisationName: organisation.name,
          role: membership.role,
          link,
          token,
          membershipId: membership.id,
          expiresOn,
        },
      },
      link,
    );
  }
}
