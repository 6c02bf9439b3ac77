import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { stockholmDate, TIME_ZONE } from '../../common/time';
import { Database } from '../../database/database.service';
import { NotificationKind, NotificationsService } from '../notifications';
import { MembershipRole, Organisation, OrganisationAccess } from '../organisations';
import { Person } from '../people';
import { Credential } from './entities/credential.entity';

/** Days before `validUntil` that the holder and their organisation's admins are told, latest first. */
export const CREDENTIAL_REMINDER_DAYS = [30, 7] as const;

/**
 * Reminders of credentials running out: 30 and 7 days before the last valid day, to the volunteer
 * and their organisation's ORG_ADMINs (naming the volunteer, unless they have protected identity).
 * A verified credential of an active member is reminded of, unless a later one of the same kind
 * already covers them. A credential first seen inside the 7 days gets only the 7-day reminder.
 * Each round is claimed once (`credential-expiring:<id>:<days>`), so reruns send nothing twice.
 */
@Injectable()
export class CredentialJobsService {
  private readonly logger = new Logger(CredentialJobsService.name);

  constructor(
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    private readonly database: Database,
    private readonly access: OrganisationAccess,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'credentials-expiry-reminders' })
  async sendExpiryReminders(): Promise<number> {
    const today = stockholmDate(this.clock.now());
    const horizon = DateTime.fromISO(today, { zone: TIME_ZONE })
      .plus({ days: CREDENTIAL_REMINDER_DAYS[0] })
      .toISODate() as string;
    const expiring = await this.credentials
      .createQueryBuilder('credential')
      .where('credential.verifiedAt IS NOT NULL')
      .andWhere('credential.validUntil >= :today AND credential.validUntil <= :horizon', {
        today,
        horizon,
      })
      .andWhere(
        (query) =>
          'NOT EXISTS ' +
          query
            .subQuery()
            .select('1')
            .from(Credential, 'later')
            .where('later.personId = credential.personId')
            .andWhere('later.organisationId = credential.organisationId')
            .andWhere('later.kind = credential.kind')
            .andWhere('later.verifiedAt IS NOT NULL')
            .andWhere('later.validUntil > credential.validUntil')
            .getQuery(),
      )
      .getMany();
    let sent = 0;
    for (const credential of expiring) {
      const daysLeft = DateTime.fromISO(credential.validUntil, { zone: TIME_ZONE }).diff(
        DateTime.fromISO(today, { zone: TIME_ZONE }),
        'days',
      ).days;
      const round = [...CREDENTIAL_REMINDER_DAYS].reverse().find((days) => daysLeft <= days);
      if (round === undefined) continue;
      sent += await this.database.transaction(async (manager) => {
        const { personId, organisationId } = credential;
        if (!(await this.access.isActivePerson(personId, organisationId, manager))) return 0;
        const key = `credential-expiring:${credential.id}:${round}`;
        if (!(await this.notifications.claimReminder(manager, key))) return 0;
        const holder = await manager.findOneOrFail(Person, {
          where: { id: personId },
          select: { id: true, displayName: true, protectedIdentity: true },
        });
        const organisation = await manager.findOneOrFail(Organisation, {
          where: { id: organisationId },
          select: { id: true, name: true },
        });
        const admins = (
          await this.access.activePeopleWithRole(
            organisationId,
            [MembershipRole.ORG_ADMIN],
            manager,
          )
        ).filter((id) => id !== personId);
        const facts = {
          credentialKind: credential.kind,
          validUntil: credential.validUntil,
          organisationName: organisation.name,
        };
        const data = { credentialId: credential.id, personId, daysBefore: round };
        await this.notifications.notify(manager, [
          {
            recipientPersonId: personId,
            kind: NotificationKind.CREDENTIAL_EXPIRING,
            params: { ...facts, holder: null },
            data,
          },
          ...admins.map((recipientPersonId) => ({
            recipientPersonId,
            kind: NotificationKind.CREDENTIAL_EXPIRING as const,
            params: {
              ...facts,
              holder: { name: holder.protectedIdentity ? null : holder.displayName },
            },
            data,
          })),
        ]);
        return 1;
      });
    }
    if (sent > 0) this.logger.log(`Reminded of ${sent} credential(s) running out`);
    return sent;
  }
}
