import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { Brackets, EntityManager, In, Repository } from 'typeorm';
import { Actor, isPerson, PersonActor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { sha256Hex } from '../../common/sha256';
import { normaliseEmail } from '../../common/text';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { groupedByKey, LoaderFactory } from '../../graphql/loaders';
import { AuditService } from '../audit';
import { Person, PeopleService } from '../people';
import {
  ChangeMemberRoleInput,
  InviteMemberInput,
  LeaveOrganisationInput,
  MembershipIdInput,
} from './dto/membership.inputs';
import {
  LIVE_MEMBERSHIP_STATUSES,
  Membership,
  MembershipRole,
  membershipSnapshot,
  MembershipStatus,
} from './entities/membership.entity';
import { Organisation, OrganisationStatus } from './entities/organisation.entity';
import { AcceptInvitationInput } from './dto/invitation.inputs';
import { INVITATION_DAYS, InvitationMails, isExpired } from './invitation-mails.service';
import { OrganisationAccess } from './organisation-access.service';

@Injectable()
export class MembershipsService {
  constructor(
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    private readonly database: Database,
    private readonly people: PeopleService,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly invitations: InvitationMails,
    private readonly clock: Clock,
  ) {}

  /** Memberships per organisation, by status (used by `Organisation.members`). */
  readonly byOrganisation: LoaderFactory<string, Membership[]> = () =>
    new DataLoader(async (organisationIds) => {
      const rows = await this.memberships.find({
        where: { organisationId: In([...organisationIds]) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return groupedByKey(organisationIds, rows, (row) => row.organisationId);
    });

  /**
   * Each person's live memberships and open invitations, including invitations sent to their email
   * address before they had an account (used by `Person.memberships`).
   */
  readonly liveByPerson: LoaderFactory<
    Pick<Person, 'id' | 'email' | 'emailVerifiedAt'>,
    Membership[]
  > = () =>
    new DataLoader(
      async (everyone) => {
        // An unverified address holds no membership and sees no invitation.
        const people = everyone.filter((person) => person.emailVerifiedAt);
        if (people.length === 0) return everyone.map(() => []);
        const now = this.clock.now();
        const rows = await this.memberships
          .createQueryBuilder('membership')
          .where('membership.status IN (:...statuses)', { statuses: LIVE_MEMBERSHIP_STATUSES })
          .andWhere(
            new Brackets((where) =>
              where
                .where('membership.personId IN (:...ids)', { ids: people.map((p) => p.id) })
                .orWhere(
                  '(membership.personId IS NULL AND membership.invitedEmail IN (:...emails))',
                  { emails: people.map((p) => p.email) },
                ),
            ),
          )
          .orderBy('membership.createdAt', 'ASC')
          .addOrderBy('membership.id', 'ASC')
          .getMany();
        return everyone.map((person) =>
          person.emailVerifiedAt
            ? rows.filter((row) =>
                row.personId
                  ? row.personId === person.id
                  : row.invitedEmail === person.email && !isExpired(row, now),
              )
            : [],
        );
      },
      { cacheKeyFn: (person) => person.id },
    );

  /**
   * Whether the invitation is the actor's to answer: sent to their address, or they hold its code
   * (`token`, from the invitation mail). Either way only a verified address answers invitations.
   */
  private async isAddressedTo(
    actor: PersonActor,
    membership: Membership,
    token?: string,
  ): Promise<boolean> {
    const person = await this.people.get(actor.personId);
    if (!person.emailVerifiedAt) {
      throw DomainError.forbidden('Verify your e-mail address before answering invitations');
    }
    if (membership.personId) return membership.personId === actor.personId;
    if (token && membership.invitationTokenHash) {
      return sha256Hex(token) === membership.invitationTokenHash;
    }
    return membership.invitedEmail === person.email;
  }

  /**
   * ORG_ADMIN invites by email address. If the address has no account yet, the invitation waits
   * for whoever signs up with it. A live membership or open invitation for the address → CONFLICT.
   */
  async invite(actor: Actor, input: InviteMemberInput): Promise<Membership> {
    await this.access.requireRole(actor, input.organisationId, [MembershipRole.ORG_ADMIN]);
    const email = normaliseEmail(input.email);
    // Read only to refuse inviting a current member twice, never to answer differently: the
    // invitation names no person until it is accepted, whatever account the address has.
    const invitee = await this.people.findByEmail(email);
    const token = randomBytes(24).toString('base64url');
    try {
      return await this.database.transaction(async (manager) => {
        const organisation = await manager.findOneBy(Organisation, { id: input.organisationId });
        if (!organisation) throw DomainError.notFound('Organisation', input.organisationId);
        if (organisation.status !== OrganisationStatus.VERIFIED) {
          throw new DomainError(
            ErrorCode.ORGANISATION_NOT_VERIFIED,
            'Only a verified organisation invites members',
          );
        }
        const existing = await manager
          .createQueryBuilder(Membership, 'membership')
          .where('membership.organisationId = :organisationId', { organisationId: organisation.id })
          .andWhere('membership.status IN (:...statuses)', { statuses: LIVE_MEMBERSHIP_STATUSES })
          .andWhere(
            new Brackets((where) => {
              where.where('membership.invitedEmail = :email', { email });
              if (invitee)
                where.orWhere('membership.personId = :personId', { personId: invitee.id });
            }),
          )
          .getCount();
        if (existing > 0) {
          throw new DomainError(ErrorCode.CONFLICT, 'That person is already a member or invited', {
            field: 'email',
          });
        }
        const expiresAt = new Date(this.clock.now().getTime() + INVITATION_DAYS * 24 * 3600_000);
        const membership = await manager.save(
          manager.create(Membership, {
            organisationId: organisation.id,
            personId: null,
            invitedEmail: email,
            role: input.role,
            status: MembershipStatus.INVITED,
            invitedById: isPerson(actor) ? actor.personId : null,
            invitationTokenHash: sha256Hex(token),
            invitationExpiresAt: expiresAt,
            joinedAt: null,
            leftAt: null,
          }),
        );
        await this.audit.record(manager, actor, {
          action: 'membership.invited',
          entityType: 'Membership',
          entityId: membership.id,
          after: { ...membershipSnapshot(membership), invitedEmail: email },
        });
        await this.invitations.send(manager, membership, organisation, token, invitee);
        return membership;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.CONFLICT, 'That person is already a member or invited', {
          field: 'email',
        });
      }
      throw error;
    }
  }

  /** The invitee accepts: INVITED → ACTIVE. */
  async accept(actor: Actor, input: AcceptInvitationInput): Promise<Membership> {
    const person = requirePerson(actor, 'Only a signed-in person has memberships');
    return this.answerInvitation(person, input.membershipId, MembershipStatus.ACTIVE, input.token);
  }

  /** The invitee declines: INVITED → LEFT. */
  async decline(actor: Actor, input: MembershipIdInput): Promise<Membership> {
    const person = requirePerson(actor, 'Only a signed-in person has memberships');
    return this.answerInvitation(person, input.membershipId, MembershipStatus.LEFT);
  }

  private async answerInvitation(
    actor: PersonActor,
    membershipId: string,
    to: MembershipStatus.ACTIVE | MembershipStatus.LEFT,
    token?: string,
  ): Promise<Membership> {
    const found = await this.memberships.findOneBy({ id: membershipId });
    if (!found) throw DomainError.notFound('Invitation', membershipId);
    if (!(await this.isAddressedTo(actor, found, token)))
      throw DomainError.forbidden('This invitation is not yours');
    try {
      const answered = await this.database.transaction(async (manager) => {
        const membership = await this.database.findOneForUpdate(manager, Membership, {
          id: membershipId,
        });
        if (!membership) throw DomainError.notFound('Invitation', membershipId);
        if (membership.status !== MembershipStatus.INVITED) {
          throw DomainError.invalidTransition('Membership', membership.status, to);
        }
        if (to === MembershipStatus.ACTIVE && isExpired(membership, this.clock.now())) {
          throw DomainError.invalidTransition('Membership', 'EXPIRED', to);
        }
        const before = membershipSnapshot(membership);
        membership.personId = actor.personId;
        membership.status = to;
        // The invited address is kept only while the invitation is open.
        membership.invitedEmail = null;
        membership.invitationTokenHash = null;
        membership.invitationExpiresAt = null;
        if (to === MembershipStatus.ACTIVE) membership.joinedAt = this.clock.now();
        else membership.leftAt = this.clock.now();
        return this.saveAudited(
          manager,
          actor,
          membership,
          to === MembershipStatus.ACTIVE ? 'membership.accepted' : 'membership.declined',
          before,
        );
      });
      this.access.forget(actor);
      return answered;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.CONFLICT, 'You are already a member of this organisation');
      }
      throw error;
    }
  }

  /** ORG_ADMIN changes the role of a member or invitee; the last ORG_ADMIN cannot be demoted. */
  async changeRole(actor: Actor, input: ChangeMemberRoleInput): Promise<Membership> {
    const found = await this.getForManager(input.membershipId);
    await this.access.requireRole(actor, found.organisationId, [MembershipRole.ORG_ADMIN]);
    const changed = await this.database.transaction(async (manager) => {
      const membership = await this.lockForChange(manager, found);
      await this.access.requireRoleInTransaction(manager, actor, membership.organisationId, [
        MembershipRole.ORG_ADMIN,
      ]);
      if (membership.status === MembershipStatus.LEFT) {
        throw DomainError.invalidTransition('Membership', membership.status, membership.status);
      }
      if (membership.role === input.role) return membership;
      if (input.role !== MembershipRole.ORG_ADMIN)
        await this.requireAnotherAdmin(manager, membership);
      const before = membershipSnapshot(membership);
      membership.role = input.role;
      return this.saveAudited(manager, actor, membership, 'membership.role_changed', before);
    });
    this.access.forget(actor);
    return changed;
  }

  /** ORG_ADMIN removes a member or withdraws an invitation; the last ORG_ADMIN cannot be removed. */
  async remove(actor: Actor, input: MembershipIdInput): Promise<Membership> {
    const found = await this.getForManager(input.membershipId);
    await this.access.requireRole(actor, found.organisationId, [MembershipRole.ORG_ADMIN]);
    return this.end(actor, found, 'membership.removed');
  }

  /** A member leaves; the last ORG_ADMIN cannot. */
  async leave(actor: Actor, input: LeaveOrganisationInput): Promise<Membership> {
    const person = requirePerson(actor, 'Only a signed-in person has memberships');
    const membership = await this.memberships.findOneBy({
      organisationId: input.organisationId,
      personId: person.personId,
      status: MembershipStatus.ACTIVE,
    });
    if (!membership) throw DomainError.notFound('Membership');
    return this.end(actor, membership, 'membership.left');
  }

  private async end(
    actor: Actor,
    found: Membership,
    action: 'membership.removed' | 'membership.left',
  ): Promise<Membership> {
    const ended = await this.database.transaction(async (manager) => {
      const membership = await this.lockForChange(manager, found);
      if (action === 'membership.removed') {
        await this.access.requireRoleInTransaction(manager, actor, membership.organisationId, [
          MembershipRole.ORG_ADMIN,
        ]);
      }
      if (membership.status === MembershipStatus.LEFT) {
        throw DomainError.invalidTransition('Membership', membership.status, MembershipStatus.LEFT);
      }
      await this.requireAnotherAdmin(manager, membership);
      const before = membershipSnapshot(membership);
      membership.status = MembershipStatus.LEFT;
      membership.leftAt = this.clock.now();
      membership.invitedEmail = null;
      membership.invitationTokenHash = null;
      membership.invitationExpiresAt = null;
      return this.saveAudited(manager, actor, membership, action, before);
    });
    this.access.forget(actor);
    return ended;
  }

  /** Saves a changed membership and audits the change, in the caller's transaction. */
  private async saveAudited(
    manager: EntityManager,
    actor: Actor,
    membership: Membership,
    action: string,
    before: Record<string, unknown>,
  ): Promise<Membership> {
    const saved = await manager.save(membership);
    await this.audit.record(manager, actor, {
      action,
      entityType: 'Membership',
      entityId: saved.id,
      before,
      after: membershipSnapshot(saved),
    });
    return saved;
  }

  /**
   * Locks the organisation row first (on PostgreSQL), so that two admins demoting or removing each
   * other at the same moment are decided one after the other, then reloads the membership.
   */
  private async lockForChange(manager: EntityManager, found: Membership): Promise<Membership> {
    await this.database.findOneForUpdate(manager, Organisation, { id: found.organisationId });
    const membership = await manager.findOneBy(Membership, { id: found.id });
    if (!membership) throw DomainError.notFound('Membership', found.id);
    return membership;
  }

  private async requireAnotherAdmin(manager: EntityManager, membership: Membership): Promise<void> {
    if (
      membership.role !== MembershipRole.ORG_ADMIN ||
      membership.status !== MembershipStatus.ACTIVE
    )
      return;
    const admins = await manager.countBy(Membership, {
      organisationId: membership.organisationId,
      role: MembershipRole.ORG_ADMIN,
      status: MembershipStatus.ACTIVE,
    });
    if (admins <= 1) {
      throw new DomainError(
        ErrorCode.LAST_ORG_ADMIN,
        'The last ORG_ADMIN cannot leave or be demoted; make someone else ORG_ADMIN first',
        { organisationId: membership.organisationId },
      );
    }
  }

  /** A membership about to be managed; the caller then checks the role on its organisation. */
  private async getForManager(membershipId: string): Promise<Membership> {
    const membership = await this.memberships.findOneBy({ id: membershipId });
    if (!membership) throw DomainError.notFound('Membership', membershipId);
    return membership;
  }
}
