import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { Actor, hasSystemRole, SystemRole } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { containsPattern } from '../../common/text';
import { whereJsonArrayHas } from '../../database/json-array';
import { LoaderFactory, loaderById } from '../../graphql/loaders';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { MembershipRole, OrganisationAccess, OrganisationsService } from '../organisations';
import { ResourcesArgs } from './dto/resource.inputs';
import { BookableBy, Resource } from './entities/resource.entity';

/** Who answers for an organisation's resource (approves, blacks out, changes it). */
export const OWNER_ROLES = [MembershipRole.ORG_ADMIN];

/**
 * Reading shared resources (every signed-in person sees every resource) and who answers for one:
 * a MUNICIPAL_OFFICER for the municipality's, the owning organisation's ORG_ADMIN for its own.
 * Adding and changing them is ResourceManagementService; when they are free,
 * ResourceAvailabilityService.
 */
@Injectable()
export class ResourcesService {
  constructor(
    @InjectRepository(Resource) private readonly resources: Repository<Resource>,
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
  ) {}

  readonly byId: LoaderFactory<string, Resource | null> = () => loaderById(this.resources);

  /** NOT_FOUND when there is no such resource (every signed-in person sees every resource). */
  async get(id: string): Promise<Resource> {
    const resource = await this.resources.findOneBy({ id });
    if (!resource) throw DomainError.notFound('Resource', id);
    return resource;
  }

  /** Whether the actor answers for the resource: its owner's ORG_ADMIN, or an officer for the municipality's. */
  async isOwnerSide(
    actor: Actor,
    resource: Pick<Resource, 'ownerOrganisationId'>,
  ): Promise<boolean> {
    if (resource.ownerOrganisationId === null)
      return hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER);
    return this.access.hasRole(actor, resource.ownerOrganisationId, OWNER_ROLES);
  }

  /** FORBIDDEN unless the actor answers for the resource (see isOwnerSide). */
  async requireOwnerSide(
    actor: Actor,
    resource: Pick<Resource, 'ownerOrganisationId'>,
  ): Promise<void> {
    if (actor.kind === 'anonymous') throw DomainError.unauthenticated();
    if (!(await this.isOwnerSide(actor, resource))) {
      throw DomainError.forbidden(
        resource.ownerOrganisationId === null
          ? "Only municipal officers manage the municipality's resources"
          : "Only the owning organisation's ORG_ADMIN manages this resource",
      );
    }
  }

  /** Every signed-in person sees every resource (the guard keeps others out). */
  async list(args: ResourcesArgs): Promise<ConnectionShape<Resource>> {
    const filter = args.filter ?? {};
    const query = this.resources.createQueryBuilder('resource');
    if (filter.kind) query.andWhere('resource.kind = :kind', { kind: filter.kind });
    if (filter.districtId)
      query.andWhere('resource.districtId = :districtId', { districtId: filter.districtId });
    if (filter.ownerOrganisationId) {
      query.andWhere('resource.ownerOrganisationId = :owner', {
        owner: filter.ownerOrganisationId,
      });
    }
    if (filter.municipal === true) query.andWhere('resource.ownerOrganisationId IS NULL');
    if (filter.municipal === false) query.andWhere('resource.ownerOrganisationId IS NOT NULL');
    if (filter.search) {
      query.andWhere(`LOWER(resource.name) LIKE :search ESCAPE '\\'`, {
        search: containsPattern(filter.search),
      });
    }
    if (filter.bookableByOrganisationId) {
      const organisation = await this.organisations.get(filter.bookableByOrganisationId);
      // LISTED_KINDS resources naming the organisation's kind (a subquery, so the shared JSON
      // array condition can stand in the OR below).
      const listed = this.resources
        .createQueryBuilder('listed')
        .select('listed.id')
        .where('listed.bookableBy = :listed', { listed: BookableBy.LISTED_KINDS });
      whereJsonArrayHas(listed, 'listed.allowedKinds', 'bookerKind', organisation.kind);
      query.andWhere(
        new Brackets((where) => {
          where
            .where('resource.ownerOrganisationId = :bookerId', { bookerId: organisation.id })
            .orWhere('resource.bookableBy = :all', { all: BookableBy.ALL_VERIFIED })
            .orWhere(`resource.id IN (${listed.getQuery()})`, listed.getParameters());
        }),
      );
    }
    return paginate(query, args, {
      column: 'resource.name',
      direction: 'ASC',
      valueOf: (resource) => resource.name,
    });
  }
}
