import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { containsPersonalIdentityNumber } from '../../common/personal-identity-number';
import { Database } from '../../database/database.service';
import { AuditService } from '../audit';
import { NotificationKind, NotificationsService } from '../notifications';
import { MANAGERS, OrganisationAccess, OrganisationsService } from '../organisations';
import { MessageShiftWalkersInput, ShiftMessageResult } from './dto/shift-message.inputs';
import { OPEN_SHIFT_STATUSES, Shift } from './entities/shift.entity';
import { Signup, SignupStatus } from './entities/signup.entity';

/**
 * A coordinator writes to everyone with a place or on the waitlist of a walk (a notification, and
 * mail for those who get mail); the organisation's coordinators and admins get a copy. The text is
 * refused when it holds a personal identity number, as in walk reports; the audit log records who
 * wrote, the subject and how many it reached, not the message.
 */
@Injectable()
export class ShiftMessagesService {
  constructor(
    private readonly database: Database,
    private readonly access: OrganisationAccess,
    private readonly organisations: OrganisationsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async message(actor: Actor, input: MessageShiftWalkersInput): Promise<ShiftMessageResult> {
    requirePerson(actor, 'Only a coordinator writes to the walkers');
    const problems: Record<string, string[]> = {};
    for (const field of ['subject', 'body'] as const) {
      if (containsPersonalIdentityNumber(input[field])) {
        problems[field] = ['must not contain a personal identity number'];
      }
    }
    const shift = await this.database.dataSource
      .getRepository(Shift)
      .findOneBy({ id: input.shiftId });
    if (!shift) throw DomainError.notFound('Shift', input.shiftId);
    await this.access.requireRole(actor, shift.organisationId, MANAGERS);
    if (Object.keys(problems).length > 0) {
      throw DomainError.badInput('The message names someone', problems);
    }
    if (!OPEN_SHIFT_STATUSES.includes(shift.status)) {
      throw DomainError.invalidTransition('Shift', shift.status, 'MESSAGED');
    }
    const organisation = await this.organisations.get(shift.organisationId);
    return this.database.transaction(async (manager) => {
      const signups = await manager.find(Signup, {
        where: {
          shiftId: shift.id,
          status: In([SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]),
        },
        select: { id: true, personId: true },
      });
      const walkers = [...new Set(signups.map((signup) => signup.personId))];
      const coordinators = (
        await this.access.activePeopleWithRole(shift.organisationId, MANAGERS, manager)
      ).filter((personId) => !walkers.includes(personId));
      const message = {
        startsAt: shift.startsAt,
        meetingPoint: shift.meetingPoint,
        organisationName: organisation.name,
        subject: input.subject,
        body: input.body,
      };
      await this.notifications.notify(manager, [
        ...walkers.map((recipientPersonId) => ({
          recipientPersonId,
          kind: NotificationKind.SHIFT_MESSAGE as const,
          params: { ...message, copy: false },
          data: { shiftId: shift.id },
        })),
        ...coordinators.map((recipientPersonId) => ({
          recipientPersonId,
          kind: NotificationKind.SHIFT_MESSAGE as const,
          params: { ...message, copy: true },
          data: { shiftId: shift.id },
        })),
      ]);
      await this.audit.record(manager, actor, {
        action: 'shift.messaged',
        entityType: 'Shift',
        entityId: shift.id,
        detail: { subject: input.subject, walkers: walkers.length, copies: coordinators.length },
      });
      return { shift, walkers: walkers.length, copies: coordinators.length };
    });
  }
}
