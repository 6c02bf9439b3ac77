import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import { MANAGERS, OrganisationAccess } from '../organisations';
import { PlacementRequestsArgs } from './dto/placement.inputs';
import { PlacementRequest } from './entities/placement-request.entity';
import { isSocialServices } from './shelters.service';

/**
 * Reading placement requests: social services see all, a shelter organisation's COORDINATOR and
 * ORG_ADMIN those to its shelters, nobody else anything. Every request read is audited.
 */
@Injectable()
export class PlacementReads {
  constructor(
    @InjectRepository(PlacementRequest)
    private readonly placements: Repository<PlacementRequest>,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
  ) {}

  /** Newest first; every request on the page is a read, recorded in the audit log. */
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
    if (filter.shelterId) {
      query.andWhere('placement.shelterId = :shelterId', { shelterId: filter.shelterId });
    }
    if (filter.organisationId) {
      query.andWhere('placement.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.status?.length) {
      query.andWhere('placement.status IN (:...status)', { status: filter.status });
    }
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

  /** NOT_FOUND unless the actor is on one side of the request (social services or the shelter). */
  async getForEitherSide(actor: Actor, id: string): Promise<PlacementRequest> {
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
}
