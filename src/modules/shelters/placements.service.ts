import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { containsPersonalIdentityNumber } from '../../common/personal-identity-number';
import { toStockholmIso } from '../../common/time';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import { NotificationKind, NotificationsService } from '../notifications';
import { MANAGERS, OrganisationAccess } from '../organisations';
import {
  CancelPlacementInput,
  PlacementIdInput,
  PlacementRequestsArgs,
  RequestPlacementInput,
  RespondToPlacementInput,
} from './dto/placement.inputs';
import {
  PlacementRequest,
  placementSnapshot,
  PlacementStatus,
} from './entities/placement-request.entity';
import { Shelter } from './entities/shelter.entity';
import { PlacementHolds } from './placement-holds.service';
import { ShelterEvents } from './shelter-events.service';
import { isSocialServices, SheltersService } from './shelters.service';
import { canMovePlacement, caseReferenceProblem } from './shelters.rules';

/**
 * Placement requests between social services and shelters. Only SOCIAL_SERVICES ask; only the
 * shelter's organisation (COORDINATOR, ORG_ADMIN) answers; nobody else learns a request exists.
 * Every read and every change is audited, in the same transaction as the change.
 */
@Injectable()
export class PlacementsService {
  constructor(
    @InjectRepository(PlacementRequest)
    private readonly placements: Repository<PlacementRequest>,
    private readonly database: Database,
    private readonly shelters: SheltersService,
    private readonly holds: PlacementHolds,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly events: ShelterEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async request(actor: Actor, input: RequestPlacementInput): Promise<PlacementRequest> {
    const person = requirePerson(actor, 'Only social services request placements');
    if (!isSocialServices(actor))
      throw DomainError.forbidden('Only social services request placements');
    const problem = caseReferenceProblem(input.caseReference);
    if (problem) throw DomainError.badInput('Invalid case reference', { caseReference: [problem] });
    const shelter = await this.shelters.isListed(input.shelterId);
    if (!shelter) throw DomainError.notFound('Shelter', input.shelterId);
    const missing = input.needs.filter((need) => !shelter.features.includes(need));
    if (missing.length > 0) {
      throw DomainError.badInput('The shelter does not offer what is needed', {
        needs: [`the shelter does not offer ${missing.join(', ')}`],
      });
    }
    if (input.adults > shelter.totalAdultPlaces || input.children > shelter.totalChildPlaces) {
      throw new DomainError(ErrorCode.SHELTER_AT_CAPACITY, 'The shelter is not that big', {
        totalAdultPlaces: shelter.totalAdultPlaces,
        totalChildPlaces: shelter.totalChildPlaces,
      });
    }
    return this.database.transaction(async (manager) => {
      const placement = await manager.save(
        manager.create(PlacementRequest, {
          shelterId: shelter.id,
          organisationId: shelter.organisationId,
          requestedById: person.personId,
          adults: input.adults,
          children: input.children,
          needs: input.needs,
          language: input.language ?? null,
          caseReference: input.caseReference,
          status: PlacementStatus.REQUESTED,
          holdExpiresAt: null,
          answeredAt: null,
          answeredById: null,
          reason: null,
          closedAt: null,
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'placement.requested',
        entityType: 'PlacementRequest',
        entityId: placement.id,
        after: placementSnapshot(placement),
      });
      const staff = await this.access.activePeopleWithRole(
        shelter.organisationId,
        MANAGERS,
        manager,
      );
      await this.notifications.notify(
        manager,
        staff.map((recipientPersonId) => ({
          recipientPersonId,
          kind: NotificationKind.PLACEMENT_REQUESTED,
          subject: 'Ny förfrågan om plats',
          body:
            `Socialtjänsten frågar ${shelter.displayName} efter plats för ${input.adults} vuxna ` +
            `och ${input.children} barn. Svara i Samverkan.`,
          data: { placementId: placement.id, shelterId: shelter.id },
        })),
      );
      return placement;
    });
  }

  /**
   * The shelter answers. Accepting holds the places until the hold expires, with one conditional
   * UPDATE that only succeeds while the held places stay within the free places, however many
   * acceptances race (SHELTER_AT_CAPACITY otherwise). Declining needs a reason.
   */
  async respond(actor: Actor, input: RespondToPlacementInput): Promise<PlacementRequest> {
    requirePerson(actor, 'Only the shelter answers a placement request');
    const found = await this.getForShelter(actor, input.placementId);
    const reason = input.reason?.trim() || null;
    if (!input.accept && !reason) {
      throw DomainError.badInput('Say why', { reason: ['is required when declining'] });
    }
    this.refuseIdentityNumber(reason);
    const to = input.accept ? PlacementStatus.ACCEPTED : PlacementStatus.DECLINED;
    const now = this.clock.now();
    const { answered, shelter } = await this.database.transaction(async (manager) => {
      const placement = await this.lockedInState(manager, found.id, to);
      const before = placementSnapshot(placement);
      let shelter: Shelter | null = null;
      if (input.accept) {
        await this.holds.releaseExpired(manager, placement.shelterId, now);
        shelter = await this.holds.hold(manager, placement);
        placement.holdExpiresAt = new Date(
          now.getTime() + this.config.shelters.placementHoldMinutes * 60_000,
        );
      } else {
        placement.closedAt = now;
      }
      placement.status = to;
      placement.answeredAt = now;
      placement.answeredById = isPersonId(actor);
      placement.reason = reason;
      await this.save(manager, actor, placement, before, `placement.${to.toLowerCase()}`);
      await this.notifications.notify(manager, [
        {
          recipientPersonId: placement.requestedById,
          kind: NotificationKind.PLACEMENT_ANSWERED,
          subject: input.accept ? 'Platsen är reserverad' : 'Förfrågan om plats avböjdes',
          body: input.accept
            ? `Boendet håller ${placement.adults} vuxna och ${placement.children} barnplatser ` +
              `till ${toStockholmIso(placement.holdExpiresAt as Date)}. Bekräfta placeringen innan dess.`
            : `Boendet kan inte ta emot: ${reason ?? ''}`,
          data: { placementId: placement.id, status: to },
        },
      ]);
      return { answered: placement, shelter };
    });
    if (shelter) this.events.changed(shelter);
    return answered;
  }

  /**
   * Confirms an accepted placement before its hold expires (social services, or the shelter when
   * the person has arrived): the held places become taken places.
   */
  async confirm(actor: Actor, input: PlacementIdInput): Promise<PlacementRequest> {
    requirePerson(actor, 'Only social services or the shelter confirm a placement');
    const found = await this.getForEitherSide(actor, input.placementId);
    const byShelter = await this.actsForShelter(actor, found);
    const now = this.clock.now();
    const { confirmed, shelter } = await this.database.transaction(async (manager) => {
      const placement = await this.lockedInState(manager, found.id, PlacementStatus.CONFIRMED);
      const before = placementSnapshot(placement);
      if (placement.holdExpiresAt && placement.holdExpiresAt <= now) {
        throw DomainError.invalidTransition(
          'PlacementRequest',
          PlacementStatus.EXPIRED,
          PlacementStatus.CONFIRMED,
        );
      }
      const shelter = await this.holds.take(manager, placement);
      placement.status = PlacementStatus.CONFIRMED;
      placement.closedAt = now;
      await this.save(manager, actor, placement, before, 'placement.confirmed');
      await this.notifyOtherSide(manager, byShelter, placement, {
        kind: NotificationKind.PLACEMENT_CONFIRMED,
        subject: 'Placeringen är bekräftad',
        body: `Placeringen (${placement.caseReference}) är bekräftad.`,
      });
      return { confirmed: placement, shelter };
    });
    this.events.changed(shelter);
    return confirmed;
  }

  /** Either side withdraws a request that is not yet confirmed; held places are freed at once. */
  async cancel(actor: Actor, input: CancelPlacementInput): Promise<PlacementRequest> {
    requirePerson(actor, 'Only social services or the shelter cancel a placement');
    const found = await this.getForEitherSide(actor, input.placementId);
    const byShelter = await this.actsForShelter(actor, found);
    this.refuseIdentityNumber(input.reason);
    const now = this.clock.now();
    const { cancelled, shelter } = await this.database.transaction(async (manager) => {
      const placement = await this.lockedInState(manager, found.id, PlacementStatus.CANCELLED);
      const before = placementSnapshot(placement);
      const shelter =
        placement.status === PlacementStatus.ACCEPTED
          ? await this.holds.release(manager, placement)
          : null;
      placement.status = PlacementStatus.CANCELLED;
      placement.closedAt = now;
      placement.reason = input.reason;
      await this.save(manager, actor, placement, before, 'placement.cancelled');
      await this.notifyOtherSide(manager, byShelter, placement, {
        kind: NotificationKind.PLACEMENT_CANCELLED,
        subject: 'Förfrågan om plats återkallades',
        body: `Förfrågan (${placement.caseReference}) återkallades: ${input.reason}`,
      });
      return { cancelled: placement, shelter };
    });
    if (shelter) this.events.changed(shelter);
    return cancelled;
  }

  /**
   * Placement requests, newest first: social services see all; a shelter organisation's COORDINATOR
   * and ORG_ADMIN see those to its shelters; anyone else is refused. Every request returned is a
   * read, recorded in the audit log.
   */
  async list(
    actor: Actor,
    args: PlacementRequestsArgs,
  ): Promise<ConnectionShape<PlacementRequest>> {
    const filter = args.filter ?? {};
    const query = this.placements.createQueryBuilder('placement');
    if (!isSocialServices(actor)) {
      const roles = await this.access.activeRoles(actor);
      const managed = [...roles].filter(([, role]) => MANAGERS.includes(role)).map(([id]) => id);
      if (managed.length === 0) {
        throw DomainError.forbidden(
          "Only social services and shelter organisations' coordinators see placement requests",
        );
      }
      query.andWhere('placement.organisationId IN (:...managed)', { managed });
    }
    if (filter.shelterId)
      query.andWhere('placement.shelterId = :shelterId', { shelterId: filter.shelterId });
    if (filter.organisationId) {
      query.andWhere('placement.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.status?.length)
      query.andWhere('placement.status IN (:...status)', { status: filter.status });
    if (filter.caseReference) {
      query.andWhere('placement.caseReference = :caseReference', {
        caseReference: filter.caseReference,
      });
    }
    const page = await paginate(query, args, {
      column: 'placement.createdAt',
      direction: 'DESC',
      valueOf: (placement) => placement.createdAt,
    });
    await this.recordReads(
      actor,
      page.edges.map((edge) => edge.node),
    );
    return page;
  }

  /** One request, for either side; the read is audited. */
  async getOne(actor: Actor, id: string): Promise<PlacementRequest> {
    const placement = await this.getForEitherSide(actor, id);
    await this.recordReads(actor, [placement]);
    return placement;
  }

  private async recordReads(actor: Actor, read: PlacementRequest[]): Promise<void> {
    await this.audit.recordMany(
      this.placements.manager,
      actor,
      read.map((placement) => ({
        action: 'placement.read',
        entityType: 'PlacementRequest',
        entityId: placement.id,
        detail: { status: placement.status },
      })),
    );
  }

  /** NOT_FOUND unless the actor is on one side of the request (social services or the shelter). */
  private async getForEitherSide(actor: Actor, id: string): Promise<PlacementRequest> {
    const placement = await this.placements.findOneBy({ id });
    if (
      !placement ||
      !(
        isSocialServices(actor) ||
        (await this.access.hasRole(actor, placement.organisationId, MANAGERS))
      )
    ) {
      throw DomainError.notFound('PlacementRequest', id);
    }
    return placement;
  }

  /** The request for the shelter's answer: NOT_FOUND for outsiders, FORBIDDEN for social services. */
  private async getForShelter(actor: Actor, id: string): Promise<PlacementRequest> {
    const placement = await this.getForEitherSide(actor, id);
    if (!(await this.access.hasRole(actor, placement.organisationId, MANAGERS))) {
      throw DomainError.forbidden("Only the shelter's organisation answers a placement request");
    }
    return placement;
  }

  /** Locks the request and checks it may move to `to` (INVALID_STATE_TRANSITION otherwise). */
  private async lockedInState(
    manager: EntityManager,
    id: string,
    to: PlacementStatus,
  ): Promise<PlacementRequest> {
    const placement = await this.database.findOneForUpdate(manager, PlacementRequest, { id });
    if (!placement) throw DomainError.notFound('PlacementRequest', id);
    if (!canMovePlacement(placement.status, to)) {
      throw DomainError.invalidTransition('PlacementRequest', placement.status, to);
    }
    return placement;
  }

  private async save(
    manager: EntityManager,
    actor: Actor,
    placement: PlacementRequest,
    before: Record<string, unknown>,
    action: string,
  ): Promise<void> {
    await manager.save(placement);
    await this.audit.record(manager, actor, {
      action,
      entityType: 'PlacementRequest',
      entityId: placement.id,
      before,
      after: placementSnapshot(placement),
      ...(placement.reason ? { detail: { reasonGiven: true } } : {}),
    });
  }

  /** Tells the side that did not act: the requester, or the shelter's coordinators. */
  private async notifyOtherSide(
    manager: EntityManager,
    byShelter: boolean,
    placement: PlacementRequest,
    notice: { kind: NotificationKind; subject: string; body: string },
  ): Promise<void> {
    const recipients = byShelter
      ? [placement.requestedById]
      : await this.access.activePeopleWithRole(placement.organisationId, MANAGERS, manager);
    await this.notifications.notify(
      manager,
      recipients.map((recipientPersonId) => ({
        recipientPersonId,
        ...notice,
        data: { placementId: placement.id, status: placement.status },
      })),
    );
  }

  /** Whether the actor acts for the shelter (not for social services) on this request. */
  private async actsForShelter(actor: Actor, placement: PlacementRequest): Promise<boolean> {
    return (
      !isSocialServices(actor) &&
      (await this.access.hasRole(actor, placement.organisationId, MANAGERS))
    );
  }

  private refuseIdentityNumber(text: string | null): void {
    if (text && containsPersonalIdentityNumber(text)) {
      throw DomainError.badInput('The text names someone', {
        reason: ['must not contain a personal identity number'],
      });
    }
  }
}

function isPersonId(actor: Actor): string | null {
  return actor.kind === 'person' ? actor.personId : null;
}
