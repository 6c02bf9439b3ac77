import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { ProtectedIdentityHooks } from '../../common/protected-identity-hooks';
import { Actor, isAdmin, isPerson, SystemRole } from '../../common/actor';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { normaliseEmail } from '../../common/text';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { LoaderFactory, loaderById } from '../../graphql/loaders';
import { AuditService } from '../audit';
import { SetProtectedIdentityInput, UpdateProfileInput } from './dto/people.inputs';
import { Locale, Person } from './entities/person.entity';
import { PasswordService } from './password.service';

export interface NewPerson {
  email: string;
  displayName: string;
  password: string;
  systemRole?: SystemRole | null;
  phone?: string | null;
  locale?: Locale;
  protectedIdentity?: boolean;
}

/** True for the person themself and for ADMIN: who may see private fields of a person. */
export function seesPrivateFieldsOf(actor: Actor, person: Pick<Person, 'id'>): boolean {
  return isAdmin(actor) || (isPerson(actor) && actor.personId === person.id);
}

@Injectable()
export class PeopleService {
  constructor(
    @InjectRepository(Person) private readonly people: Repository<Person>,
    private readonly database: Database,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly identityHooks: ProtectedIdentityHooks,
  ) {}

  /** People shown in answers: without their password hash, which no field shows. */
  readonly byId: LoaderFactory<string, Person | null> = () =>
    loaderById(this.people, ['passwordHash']);

  async get(id: string): Promise<Person> {
    const person = await this.people.findOneBy({ id });
    if (!person) throw DomainError.notFound('Person', id);
    return person;
  }

  findByEmail(email: string): Promise<Person | null> {
    return this.people.findOneBy({ email: normaliseEmail(email) });
  }

  /** The signed-in person; an API key or anonymous caller has no "me". */
  async me(actor: Actor): Promise<Person> {
    if (!isPerson(actor)) throw DomainError.forbidden('Only a signed-in person has a profile');
    return this.get(actor.personId);
  }

  /**
   * Creates an account. A weak password → BAD_USER_INPUT on `password` (PasswordService). The
   * password is hashed before the transaction starts (never hash while holding the database). A
   * taken email address → CONFLICT.
   */
  async create(
    actor: Actor,
    input: NewPerson,
    options: {
      id?: string;
      emailVerified?: boolean;
      /** More to write in the same transaction (e.g. the verification link). */
      onCreated?: (manager: EntityManager, person: Person) => Promise<void>;
    } = {},
  ): Promise<Person> {
    this.passwords.assertStrong(input.password, input);
    const passwordHash = await this.passwords.hash(input.password);
    const person = this.people.create({
      id: options.id,
      email: normaliseEmail(input.email),
      displayName: input.displayName.trim(),
      phone: input.phone ?? null,
      passwordHash,
      systemRole: input.systemRole ?? null,
      protectedIdentity: input.protectedIdentity ?? false,
      locale: input.locale ?? Locale.sv,
      emailVerifiedAt: options.emailVerified ? this.clock.now() : null,
    });
    try {
      return await this.database.transaction(async (manager) => {
        const saved = await manager.save(person);
        await options.onCreated?.(manager, saved);
        if (saved.systemRole) {
          await this.audit.record(manager, actor, {
            action: 'person.staff_account_created',
            entityType: 'Person',
            entityId: saved.id,
            after: { systemRole: saved.systemRole },
          });
        }
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.CONFLICT, 'An account with that email address exists', {
          field: 'email',
        });
      }
      throw error;
    }
  }

  /** Hashes a password the way `create` does (for work that must take as long as creating). */
  async hashPassword(password: string): Promise<string> {
    return this.passwords.hash(password);
  }

  async updateProfile(actor: Actor, input: UpdateProfileInput): Promise<Person> {
    const person = await this.me(actor);
    if (input.displayName !== undefined) person.displayName = input.displayName.trim();
    if (input.phone !== undefined)
      person.phone = input.phone.trim() === '' ? null : input.phone.trim();
    if (input.locale !== undefined) person.locale = input.locale;
    return this.people.save(person);
  }

  /** ADMIN for anyone, or a person for themself. */
  async setProtectedIdentity(actor: Actor, input: SetProtectedIdentityInput): Promise<Person> {
    if (!seesPrivateFieldsOf(actor, { id: input.personId })) throw DomainError.forbidden();
    return this.database.transaction(async (manager) => {
      const person = await manager.findOneBy(Person, { id: input.personId });
      if (!person) throw DomainError.notFound('Person', input.personId);
      if (person.protectedIdentity === input.protectedIdentity) return person;
      const before = person.protectedIdentity;
      person.protectedIdentity = input.protectedIdentity;
      const saved = await manager.save(person);
      if (input.protectedIdentity) await this.identityHooks.turnedOn(manager, saved);
      await this.audit.record(manager, actor, {
        action: 'person.protected_identity_changed',
        entityType: 'Person',
        entityId: person.id,
        before: { protectedIdentity: before },
        after: { protectedIdentity: input.protectedIdentity },
      });
      return saved;
    });
  }

  /**
   * The people who hold one of the system roles (e.g. whom to notify: officers about requests for
   * the municipality's resources); in a transaction, pass its manager. ADMIN is only listed when
   * asked for.
   */
  async withSystemRole(
    roles: readonly SystemRole[],
    manager: EntityManager = this.people.manager,
  ): Promise<string[]> {
    const rows = await manager.find(Person, {
      select: { id: true },
      where: { systemRole: In([...roles]) },
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  /**
   * Locks a person's row until the caller's transaction ends (PostgreSQL; SQLite transactions are
   * serialised anyway), so that one person's concurrent changes happen one after the other.
   */
  async lockForUpdate(manager: EntityManager, personId: string): Promise<void> {
    if (!(await this.database.findOneForUpdate(manager, Person, { id: personId }))) {
      throw DomainError.notFound('Person', personId);
    }
  }

  /**
   * `lockForUpdate` for the signed-in person of this request (whose row exists: the session was
   * just read with it). On SQLite the transaction already excludes every other writer, so nothing
   * is read.
   */
  async lockSignedIn(manager: EntityManager, personId: string): Promise<void> {
    if (this.database.dialect === 'postgres') await this.lockForUpdate(manager, personId);
  }

  /** Replaces the password hash inside the caller's transaction (see AuthService.changePassword). */
  async setPasswordHash(
    manager: EntityManager,
    personId: string,
    passwordHash: string,
  ): Promise<void> {
    await manager.update(Person, { id: personId }, { passwordHash });
  }
}
