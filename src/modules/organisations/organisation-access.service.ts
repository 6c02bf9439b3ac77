import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor, isAdmin, isPerson, PersonActor } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { Membership, MembershipRole, MembershipStatus } from './entities/membership.entity';

/**
 * The one place organisation-scoped access is decided: which organisations the actor is an ACTIVE
 * member of, and with which role. Services call it with the organisation id of the record they
 * loaded, never with an id taken from input alone. ADMIN passes every check.
 */
@Injectable()
export class OrganisationAccess {
  /** Per actor object, i.e. per request: one query however many checks a request makes. */
  private readonly cache = new WeakMap<PersonActor, Promise<Map<string, MembershipRole>>>();

  constructor(@InjectRepository(Membership) private readonly memberships: Repository<Membership>) {}

  /** Organisation id → role, for the actor's ACTIVE memberships. */
  activeRoles(actor: Actor): Promise<Map<string, MembershipRole>> {
    if (!isPerson(actor)) return Promise.resolve(new Map<string, MembershipRole>());
    let roles = this.cache.get(actor);
    if (!roles) {
      roles = this.memberships
        .findBy({ personId: actor.personId, status: MembershipStatus.ACTIVE })
        .then((rows) => new Map(rows.map((row) => [row.organisationId, row.role] as const)));
      this.cache.set(actor, roles);
    }
    return roles;
  }

  /**
   * The actor's ACTIVE memberships as read when the request was authenticated (in the same
   * statement as the session): `activeRoles` then needs no query of its own.
   */
  remember(actor: PersonActor, roles: ReadonlyMap<string, MembershipRole>): void {
    this.cache.set(actor, Promise.resolve(new Map(roles)));
  }

  /** The ids of the organisations the actor is an ACTIVE member of. */
  async activeOrganisationIds(actor: Actor): Promise<string[]> {
    return [...(await this.activeRoles(actor)).keys()];
  }

  /**
   * Narrows a list to rows of the actor's own organisations (`column`, e.g. `shelter.organisationId`,
   * holds the organisation's id); an actor without memberships gets none.
   */
  async restrictToOwn<T extends ObjectLiteral>(
    actor: Actor,
    query: SelectQueryBuilder<T>,
    column: string,
  ): Promise<void> {
    const own = await this.activeOrganisationIds(actor);
    if (own.length === 0) query.andWhere('1 = 0');
    else query.andWhere(`${column} IN (:...ownOrganisations)`, { ownOrganisations: own });
  }

  async roleIn(actor: Actor, organisationId: string): Promise<MembershipRole | null> {
    return (await this.activeRoles(actor)).get(organisationId) ?? null;
  }

  async isActiveMember(actor: Actor, organisationId: string): Promise<boolean> {
    return (await this.roleIn(actor, organisationId)) !== null;
  }

  /** Whether a person (not the caller) is an ACTIVE member now; in a transaction, pass its manager. */
  isActivePerson(
    personId: string,
    organisationId: string,
    manager: EntityManager = this.memberships.manager,
  ): Promise<boolean> {
    return manager.existsBy(Membership, {
      personId,
      organisationId,
      status: MembershipStatus.ACTIVE,
    });
  }

  /**
   * The people who hold one of the roles in the organisation now (e.g. whom to notify); in a
   * transaction, pass its manager.
   */
  async activePeopleWithRole(
    organisationId: string,
    roles: readonly MembershipRole[],
    manager: EntityManager = this.memberships.manager,
  ): Promise<string[]> {
    const rows = await manager.findBy(Membership, {
      organisationId,
      status: MembershipStatus.ACTIVE,
      role: In([...roles]),
    });
    return rows.flatMap((row) => (row.personId ? [row.personId] : []));
  }

  /** True when the actor is ADMIN or holds one of the roles in the organisation. */
  async hasRole(
    actor: Actor,
    organisationId: string,
    roles: readonly MembershipRole[],
  ): Promise<boolean> {
    if (isAdmin(actor)) return true;
    const role = await this.roleIn(actor, organisationId);
    return role !== null && roles.includes(role);
  }

  /** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for everyone else lacking the role. */
  async requireRole(
    actor: Actor,
    organisationId: string,
    roles: readonly MembershipRole[],
  ): Promise<void> {
    if (actor.kind === 'anonymous') throw DomainError.unauthenticated();
    if (!(await this.hasRole(actor, organisationId, roles))) {
      throw DomainError.forbidden(`Requires the role ${roles.join(' or ')} in this organisation`);
    }
  }

  /**
   * Checks the role again inside a transaction that has locked the organisation row: the role the
   * request started with may have been taken away by a concurrent change.
   */
  async requireRoleInTransaction(
    manager: EntityManager,
    actor: Actor,
    organisationId: string,
    roles: readonly MembershipRole[],
  ): Promise<void> {
    if (isAdmin(actor)) return;
    const membership = isPerson(actor)
      ? await manager.findOneBy(Membership, {
          organisationId,
          personId: actor.personId,
          status: MembershipStatus.ACTIVE,
        })
      : null;
    if (!membership || !roles.includes(membership.role)) {
      throw DomainError.forbidden(`Requires the role ${roles.join(' or ')} in this organisation`);
    }
  }

  /** Call after changing the actor's own memberships within the same request. */
  forget(actor: Actor): void {
    if (isPerson(actor)) this.cache.delete(actor);
  }
}

export const MANAGERS: readonly MembershipRole[] = [
  MembershipRole.ORG_ADMIN,
  MembershipRole.COORDINATOR,
];
