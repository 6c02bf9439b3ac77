import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { containsPersonalIdentityNumber } from '../../common/personal-identity-number';
import { Database } from '../../database/database.service';
import { AuditService } from '../audit';
import { MANAGERS, OrganisationAccess } from '../organisations';
import {
  CancelPlacementInput,
  PlacementIdInput,
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
import { PlacementNotices } from './placement-notices.service';
import { PlacementReads } from './placement-reads.service';
import { ShelterEvents } from './shelter-events.service';
import { isSocialServices, SheltersService } from './shelters.service';
import { canMovePlacement, caseReferenceProblem } from './shelters.rules';

/**
 * Changes to placement requests between social services and shelters. Only SOCIAL_SERVICES ask;
 * only the shelter's organisation (COORDINATOR, ORG_ADMIN) answers; nobody else learns a request
 * exists. Every change is audited and notified in the same transaction. Locks are taken in one
 * order: the placement, then the shelter.
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly database: Database,
    private readonly shelters: SheltersService,
    private readonly reads: PlacementReads,
    private readonly holds: PlacementHolds,
    private readonly notices: PlacementNotices,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly events: ShelterEvents,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, input: RequestPlacementInput): Promise<PlacementRequest> {
    const person = requirePerson(actor, 'Only social services request placements');
    if (!isSocialServices(actor)) {
      throw DomainError.forbidden('Only social services request placements');
    }
    const problem = caseReferenceProblem(input.caseReference);
    if (problem) throw DomainError.badInput('Invalid case reference', { caseReference: [problem] });
    const listed = await this.shelters.isListed(input.shelterId);
    if (!listed) throw DomainError.notFound('Shelter', input.shelterId);
    return this.database.transaction(async (manager) => {
      // Locked, so a shelter closing meanwhile either sees this request or is seen closed here.
      const shelter = await this.database.findOneForUpdate(manager, Shelter, { id: listed.id });
      if (!shelter?.active) throw DomainError.notFound('Shelter', input.shelterId);
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
      await this.notices.requested(manager, placement);
      return placement;
    });
  }

  /**
   * The shelter answers. Accepting holds the places until the hold expires, with one conditional
   * UPDATE that only succeeds while the held places stay within the free places, however many
   * acceptances race (SHELTER_AT_CAPACITY otherwise); holds at the shelter that have run out are
   * freed first. Declining needs a reason.
   */
  async respond(actor: Actor, input: RespondToPlacementInput): Promise<PlacementRequest> {
    const person = requirePerson(actor, 'Only the shelter answers a placement request');
    const found = await this.reads.getForEitherSide(actor, input.placementId);
    if (!(await this.access.hasRole(actor, found.organisationId, MANAGERS))) {
      throw DomainError.forbidden("Only the shelter's organisation answers a placement request");
    }
    const reason = input.reason?.trim() || null;
    if (!input.accept && !reason) {
      throw DomainError.badInput('Say why', { reason: ['is required when declining'] });
    }
    refuseIdentityNumber(reason);
    const to = input.accept ? PlacementStatus.ACCEPTED : PlacementStatus.DECLINED;
    const now = this.clock.now();
    const { answered, shelter } = await this.database.transaction(async (manager) => {
      const placement = await this.lockedInState(manager, found.id, to, now);
      const before = placementSnapshot(placement);
      let shelter: Shelter | null = null;
      if (input.accept) {
        const due = await this.holds.due(manager, now, placement.shelterId);
        await this.holds.expire(manager, due, now);
        shelter = await this.holds.hold(manager, placement);
        placement.holdExpiresAt = this.holds.expiryFrom(now);
      } else {
        placement.closedAt = now;
      }
      placement.status = to;
      placement.answeredAt = now;
      placement.answeredById = person.personId;
      placement.reason = reason;
      await this.save(manager, actor, placement, before, `placement.${to.toLowerCase()}`);
      await this.notices.answered(manager, placement);
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
    const found = await this.reads.getForEitherSide(actor, input.placementId);
    const byShelter = await this.actsForShelter(actor, found);
    const now = this.clock.now();
    const { confirmed, shelter } = await this.database.transaction(async (manager) => {
      const placement = await this.lockedInState(manager, found.id, PlacementStatus.CONFIRMED, now);
      const before = placementSnapshot(placement);
      const shelter = await this.holds.take(manager, placement);
      placement.status = PlacementStatus.CONFIRMED;
      placement.closedAt = now;
      await this.save(manager, actor, placement, before, 'placement.confirmed');
      await this.notices.confirmed(manager, placement, byShelter);
      return { confirmed: placement, shelter };
    });
    this.events.changed(shelter);
    return confirmed;
  }

  /** Either side withdraws a request that is not yet confirmed; held places are freed at once. */
  async cancel(actor: Actor, input: CancelPlacementInput): Promise<PlacementRequest> {
    requirePerson(actor, 'Only social services or the shelter cancel a placement');
    const found = await this.reads.getForEitherSide(actor, input.placementId);
    const byShelter = await this.actsForShelter(actor, found);
    refuseIdentityNumber(input.reason);
    const now = this.clock.now();
    const { cancelled, shelter } = await this.database.transaction(async (manager) => {
      const placement = await this.lockedInState(manager, found.id, PlacementStatus.CANCELLED, now);
      const before = placementSnapshot(placement);
      const shelter =
        placement.status === PlacementStatus.ACCEPTED
          ? await this.holds.release(manager, placement)
          : null;
      placement.status = PlacementStatus.CANCELLED;
      placement.closedAt = now;
      placement.reason = input.reason;
      await this.save(manager, actor, placement, before, 'placement.cancelled');
      await this.notices.cancelled(manager, placement, byShelter);
      return { cancelled: placement, shelter };
    });
    if (shelter) this.events.changed(shelter);
    return cancelled;
  }

  /**
   * Locks the request and checks it may move to `to` (INVALID_STATE_TRANSITION otherwise). An
   * accepted request whose hold has run out counts as EXPIRED even before the job has run.
   */
  private async lockedInState(
    manager: EntityManager,
    id: string,
    to: PlacementStatus,
    now: Date,
  ): Promise<PlacementRequest> {
    const placement = await this.database.findOneForUpdate(manager, PlacementRequest, { id });
    if (!placement) throw DomainError.notFound('PlacementRequest', id);
    const expired =
      placement.status === PlacementStatus.ACCEPTED &&
      placement.holdExpiresAt !== null &&
      placement.holdExpiresAt <= now;
    const from = expired ? PlacementStatus.EXPIRED : placement.status;
    if (!canMovePlacement(from, to)) {
      throw DomainError.invalidTransition('PlacementRequest', from, to);
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

  /** Whether the actor acts for the shelter (not for social services) on this request. */
  private async actsForShelter(actor: Actor, placement: PlacementRequest): Promise<boolean> {
    return (
      !isSocialServices(actor) &&
      (await this.access.hasRole(actor, placement.organisationId, MANAGERS))
    );
  }
}

function refuseIdentityNumber(text: string | null): void {
  if (text && containsPersonalIdentityNumber(text)) {
    throw DomainError.badInput('The text names someone', {
      reason: ['must not contain a personal identity number'],
    });
  }
}
