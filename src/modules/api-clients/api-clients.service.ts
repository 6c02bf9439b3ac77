import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, ApiClientActor, ApiScope, isAdmin, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { ConnectionShape, paginate } from '../../graphql/pagination';
import { AuditService } from '../audit';
import { MembershipRole, OrganisationAccess, OrganisationsService } from '../organisations';
import { apiKeyFrom, apiKeyMatches, apiKeyPrefix, generateApiKey } from './api-key';
import { ApiClientIdInput, ApiClientsArgs, CreateApiClientInput } from './dto/api-client.inputs';
import { ApiClient } from './entities/api-client.entity';

/** Scopes an organisation's ORG_ADMIN may give its own keys; the rest need ADMIN. */
export const SELF_SERVICE_SCOPES: readonly ApiScope[] = [
  ApiScope.DIRECTORY_READ,
  ApiScope.NIGHTWALKS_READ,
];

/** `lastUsedAt` is kept to the minute: one write per key per minute at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiClientsService {
  constructor(
    @InjectRepository(ApiClient) private readonly clients: Repository<ApiClient>,
    private readonly database: Database,
    private readonly organisations: OrganisationsService,
    private readonly access: OrganisationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The partner app behind an `X-Api-Key` header, or null for an unknown or revoked key. */
  async authenticate(key: string): Promise<ApiClientActor | null> {
    const prefix = apiKeyPrefix(key);
    if (!prefix) return null;
    const client = await this.clients.findOneBy({ keyPrefix: prefix });
    if (!client || client.revokedAt || !apiKeyMatches(key, client.keyHash)) return null;
    const now = this.clock.now();
    if (
      !client.lastUsedAt ||
      now.getTime() - client.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS
    ) {
      await this.clients.update({ id: client.id }, { lastUsedAt: now });
    }
    return {
      kind: 'apiClient',
      apiClientId: client.id,
      scopes: client.scopes,
      ownerOrganisationId: client.ownerOrganisationId,
    };
  }

  async create(
    actor: Actor,
    input: CreateApiClientInput,
    /** A fixed id and key (demo data); otherwise both are generated. */
    options: { id?: string; key?: string } = {},
  ): Promise<{ apiClient: ApiClient; apiKey: string }> {
    if (!isPerson(actor)) throw DomainError.forbidden();
    const owner = input.ownerOrganisationId
      ? await this.organisations.get(input.ownerOrganisationId)
      : null;
    await this.requireManager(actor, owner?.id ?? null);
    if (owner) {
      const extra = input.scopes.filter((scope) => !SELF_SERVICE_SCOPES.includes(scope));
      if (!isAdmin(actor) && extra.length > 0) {
        throw DomainError.forbidden(`Only ADMIN can grant ${extra.join(', ')}`);
      }
      this.organisations.requireVerified(owner);
    }
    const generated = options.key ? apiKeyFrom(options.key) : generateApiKey();
    try {
      const apiClient = await this.database.transaction(async (manager) => {
        const client = await manager.save(
          manager.create(ApiClient, {
            id: options.id,
            name: input.name.trim(),
            ownerOrganisationId: input.ownerOrganisationId ?? null,
            scopes: [...input.scopes],
            keyPrefix: generated.prefix,
            keyHash: generated.hash,
            createdById: actor.personId,
            lastUsedAt: null,
            revokedAt: null,
            revokedById: null,
          }),
        );
        await this.audit.record(manager, actor, {
          action: 'api_client.created',
          entityType: 'ApiClient',
          entityId: client.id,
          after: {
            name: client.name,
            ownerOrganisationId: client.ownerOrganisationId,
            scopes: client.scopes,
            keyPrefix: client.keyPrefix,
          },
        });
        return client;
      });
      return { apiClient, apiKey: generated.key };
    } catch (error) {
      // A prefix collision (2^-32 per pair of keys): try once more with a new key.
      if (isUniqueViolation(error) && !options.key)
        return this.create(actor, input, { ...options, key: generateApiKey().key });
      throw error;
    }
  }

  async revoke(actor: Actor, input: ApiClientIdInput): Promise<ApiClient> {
    const found = await this.clients.findOneBy({ id: input.apiClientId });
    if (!found) throw DomainError.notFound('API client', input.apiClientId);
    await this.requireManager(actor, found.ownerOrganisationId);
    return this.database.transaction(async (manager) => {
      const client = await this.database.findOneForUpdate(manager, ApiClient, { id: found.id });
      if (!client) throw DomainError.notFound('API client', found.id);
      if (client.revokedAt) throw DomainError.invalidTransition('API client', 'REVOKED', 'REVOKED');
      client.revokedAt = this.clock.now();
      client.revokedById = isPerson(actor) ? actor.personId : null;
      const saved = await manager.save(client);
      await this.audit.record(manager, actor, {
        action: 'api_client.revoked',
        entityType: 'ApiClient',
        entityId: client.id,
        before: { revoked: false },
        after: { revoked: true },
        detail: { keyPrefix: client.keyPrefix },
      });
      return saved;
    });
  }

  /** ADMIN sees all; an ORG_ADMIN sees the clients of an organisation they administer. */
  async list(actor: Actor, args: ApiClientsArgs): Promise<ConnectionShape<ApiClient>> {
    const owner = args.filter?.ownerOrganisationId;
    if (!isAdmin(actor) && !owner)
      throw DomainError.forbidden('Name the organisation whose API clients you want to see');
    if (owner) await this.requireManager(actor, owner);
    const query = this.clients.createQueryBuilder('client');
    if (owner) query.where('client.ownerOrganisationId = :owner', { owner });
    return paginate(query, args, {
      column: 'client.createdAt',
      direction: 'DESC',
      valueOf: (c) => c.createdAt,
    });
  }

  /** ADMIN, or the ORG_ADMIN of the owning organisation; the municipality's clients are ADMIN's. */
  private async requireManager(actor: Actor, ownerOrganisationId: string | null): Promise<void> {
    if (isAdmin(actor)) return;
    if (!ownerOrganisationId)
      throw DomainError.forbidden('Only ADMIN manages the municipality’s API clients');
    await this.access.requireRole(actor, ownerOrganisationId, [MembershipRole.ORG_ADMIN]);
  }
}
