import { Injectable } from '@nestjs/common';
import { Actor, requirePerson } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { Database } from '../../database/database.service';
import { AuditService } from '../audit';
import { DistrictsService } from '../districts';
import { OrganisationsService } from '../organisations';
import { resourceRuleProblems } from './bookings.rules';
import { CreateResourceInput, UpdateResourceInput } from './dto/resource.inputs';
import { BookableBy, Resource } from './entities/resource.entity';
import { ResourceSchedule } from './resource-schedule.service';
import { ResourcesService } from './resources.service';

/** The columns an update may change, and whether null clears them. */
const NULLABLE_FIELDS = [
  'districtId',
  'capacity',
  'minDurationMinutes',
  'maxDurationMinutes',
  'bookingWindowDays',
  'weeklyQuotaHours',
] as const;
const REQUIRED_FIELDS = [
  'name',
  'kind',
  'location',
  'description',
  'bookableBy',
  'allowedKinds',
  'requiresApproval',
  'bufferMinutes',
] as const;

/** The rules of a resource, as recorded in the audit log. */
function snapshot(resource: Resource): Record<string, unknown> {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = resource;
  return { ...rest };
}

/**
 * Adding and changing shared resources: a MUNICIPAL_OFFICER for the municipality's, the owning
 * (verified) organisation's ORG_ADMIN for its own. A change of the booking rules applies to
 * bookings made from then on; it locks the resource, so it waits for bookings being made and they
 * for it (see ResourceSchedule).
 */
@Injectable()
export class ResourceManagementService {
  constructor(
    private readonly database: Database,
    private readonly resources: ResourcesService,
    private readonly schedule: ResourceSchedule,
    private readonly organisations: OrganisationsService,
    private readonly districts: DistrictsService,
    private readonly audit: AuditService,
  ) {}

  /** `options.id`: a fixed id (demo data). */
  async create(
    actor: Actor,
    input: CreateResourceInput,
    options: { id?: string } = {},
  ): Promise<Resource> {
    const person = requirePerson(actor, 'Only a signed-in person adds resources');
    const ownerOrganisationId = input.ownerOrganisationId ?? null;
    if (ownerOrganisationId) {
      const owner = await this.organisations.get(ownerOrganisationId);
      await this.resources.requireOwnerSide(actor, { ownerOrganisationId: owner.id });
      this.organisations.requireVerified(owner);
    } else {
      await this.resources.requireOwnerSide(actor, { ownerOrganisationId: null });
    }
    if (input.districtId) await this.districts.requireExisting([input.districtId], 'districtId');
    const fields = {
      ownerOrganisationId,
      name: input.name,
      kind: input.kind,
      districtId: input.districtId ?? null,
      capacity: input.capacity ?? null,
      location: input.location,
      description: input.description,
      bookableBy: input.bookableBy,
      allowedKinds: input.allowedKinds,
      requiresApproval: input.requiresApproval,
      bufferMinutes: input.bufferMinutes,
      minDurationMinutes: input.minDurationMinutes ?? null,
      maxDurationMinutes: input.maxDurationMinutes ?? null,
      bookingWindowDays: input.bookingWindowDays ?? null,
      weeklyQuotaHours: input.weeklyQuotaHours ?? null,
    };
    this.requireSensibleRules(fields);
    return this.database.transaction(async (manager) => {
      const resource = await manager.save(
        manager.create(Resource, { ...fields, id: options.id, createdById: person.personId }),
      );
      await this.audit.record(manager, actor, {
        action: 'resource.created',
        entityType: 'Resource',
        entityId: resource.id,
        after: snapshot(resource),
      });
      return resource;
    });
  }

  /**
   * Changes apply to bookings made from then on: a booking keeps the buffer it was made with
   * (`blockedUntil`), and a new one keeps the larger of that and today's buffer from it.
   */
  async update(actor: Actor, input: UpdateResourceInput): Promise<Resource> {
    const found = await this.resources.get(input.resourceId);
    await this.resources.requireOwnerSide(actor, found);
    if (input.districtId) await this.districts.requireExisting([input.districtId], 'districtId');
    return this.database.transaction(async (manager) => {
      const resource = await this.schedule.lockForChange(manager, found.id);
      const before = snapshot(resource);
      for (const field of NULLABLE_FIELDS) {
        if (input[field] !== undefined) Object.assign(resource, { [field]: input[field] });
      }
      for (const field of REQUIRED_FIELDS) {
        const value = input[field];
        if (value !== undefined && value !== null) Object.assign(resource, { [field]: value });
      }
      // Moving away from LISTED_KINDS without naming kinds drops them.
      if (input.bookableBy && input.bookableBy !== BookableBy.LISTED_KINDS && !input.allowedKinds)
        resource.allowedKinds = [];
      this.requireSensibleRules(resource);
      const saved = await manager.save(resource);
      await this.audit.record(manager, actor, {
        action: 'resource.updated',
        entityType: 'Resource',
        entityId: saved.id,
        before,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  private requireSensibleRules(rules: Parameters<typeof resourceRuleProblems>[0]): void {
    const problems = resourceRuleProblems(rules);
    if (Object.keys(problems).length > 0)
      throw DomainError.badInput("The resource's booking rules contradict each other", problems);
  }
}
