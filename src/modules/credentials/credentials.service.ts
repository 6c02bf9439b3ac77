import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { stockholmDate } from '../../common/time';
import { Database } from '../../database/database.service';
import { groupedByKey, LoaderFactory } from '../../graphql/loaders';
import { AuditService } from '../audit';
import { MembershipRole, OrganisationAccess } from '../organisations';
import { AddCredentialInput, VerifyCredentialInput } from './dto/credential.inputs';
import { Credential, CredentialKind } from './entities/credential.entity';

@Injectable()
export class CredentialsService {
  constructor(
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    private readonly database: Database,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  readonly byPerson: LoaderFactory<string, Credential[]> = () =>
    new DataLoader(async (personIds) => {
      const rows = await this.credentials.find({
        where: { personId: In([...personIds]) },
        order: { validUntil: 'DESC', id: 'ASC' },
      });
      return groupedByKey(personIds, rows, (row) => row.personId);
    });

  /**
   * The kinds the person lacks for an organisation's walk: a verified credential recorded with that
   * organisation and valid through `onDate` (YYYY-MM-DD, Stockholm), for each kind required.
   * Inside a transaction, pass its manager.
   */
  async missingKinds(
    personId: string,
    organisationId: string,
    kinds: readonly CredentialKind[],
    onDate: string,
    manager: EntityManager = this.credentials.manager,
  ): Promise<CredentialKind[]> {
    if (kinds.length === 0) return [];
    const held = await manager
      .createQueryBuilder(Credential, 'credential')
      .select('DISTINCT credential.kind', 'kind')
      .where('credential.personId = :personId', { personId })
      .andWhere('credential.organisationId = :organisationId', { organisationId })
      .andWhere('credential.kind IN (:...kinds)', { kinds })
      .andWhere('credential.verifiedAt IS NOT NULL')
      .andWhere('credential.validUntil >= :onDate', { onDate })
      .getRawMany<{ kind: CredentialKind }>();
    const heldKinds = new Set(held.map((row) => row.kind));
    return kinds.filter((kind) => !heldKinds.has(kind));
  }

  /** Credentials recorded with an organisation; its ORG_ADMIN and COORDINATOR only. */
  /** Credentials per organisation, latest expiry first (used by `Organisation.credentials`). */
  readonly byOrganisation: LoaderFactory<string, Credential[]> = () =>
    new DataLoader(async (organisationIds) => {
      const rows = await this.credentials.find({
        where: { organisationId: In([...organisationIds]) },
        order: { validUntil: 'DESC', id: 'ASC' },
      });
      return groupedByKey(organisationIds, rows, (row) => row.organisationId);
    });

  async add(actor: Actor, input: AddCredentialInput): Promise<Credential> {
    if (!isPerson(actor))
      throw DomainError.forbidden('Only a signed-in person records credentials');
    const personId = input.personId ?? actor.personId;
    const forSelf = personId === actor.personId;
    if (forSelf) {
      if (!(await this.access.isActiveMember(actor, input.organisationId))) {
        throw DomainError.forbidden('You are not an active member of this organisation');
      }
    } else {
      await this.access.requireRole(actor, input.organisationId, [MembershipRole.ORG_ADMIN]);
      if (!(await this.access.isActivePerson(personId, input.organisationId))) {
        throw DomainError.badInput('That person is not an active member of this organisation', {
          personId: ['is not an active member of the organisation'],
        });
      }
    }
    if (input.validUntil < stockholmDate(this.clock.now())) {
      throw DomainError.badInput('The credential has already expired', {
        validUntil: ['must be today or later'],
      });
    }
    const now = this.clock.now();
    return this.database.transaction(async (manager) => {
      const credential = await manager.save(
        manager.create(Credential, {
          personId,
          organisationId: input.organisationId,
          kind: input.kind,
          validUntil: input.validUntil,
          addedById: actor.personId,
          verifiedById: forSelf ? null : actor.personId,
          verifiedAt: forSelf ? null : now,
        }),
      );
      await this.audit.record(manager, actor, {
        action: forSelf ? 'credential.added' : 'credential.added_verified',
        entityType: 'Credential',
        entityId: credential.id,
        after: {
          personId,
          organisationId: credential.organisationId,
          kind: credential.kind,
          validUntil: credential.validUntil,
          verified: !forSelf,
        },
      });
      return credential;
    });
  }

  async verify(actor: Actor, input: VerifyCredentialInput): Promise<Credential> {
    const found = await this.credentials.findOneBy({ id: input.credentialId });
    if (!found) throw DomainError.notFound('Credential', input.credentialId);
    await this.access.requireRole(actor, found.organisationId, [MembershipRole.ORG_ADMIN]);
    if (isPerson(actor) && found.personId === actor.personId) {
      throw DomainError.forbidden('Another ORG_ADMIN must verify your own credential');
    }
    return this.database.transaction(async (manager) => {
      const credential = await this.database.findOneForUpdate(manager, Credential, {
        id: found.id,
      });
      if (!credential) throw DomainError.notFound('Credential', found.id);
      if (credential.verifiedAt)
        throw DomainError.invalidTransition('Credential', 'VERIFIED', 'VERIFIED');
      credential.verifiedAt = this.clock.now();
      credential.verifiedById = isPerson(actor) ? actor.personId : null;
      const saved = await manager.save(credential);
      await this.audit.record(manager, actor, {
        action: 'credential.verified',
        entityType: 'Credential',
        entityId: credential.id,
        before: { verified: false },
        after: { verified: true, kind: credential.kind, validUntil: credential.validUntil },
      });
      return saved;
    });
  }
}
