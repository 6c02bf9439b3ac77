import { DomainError } from './errors/domain-error';
/**
 * Who is calling. Created once per request by the authentication guard and passed, first, to every
 * service method. Services check access on the record they load, never on ids taken from input.
 */
export enum SystemRole {
  ADMIN = 'ADMIN',
  MUNICIPAL_OFFICER = 'MUNICIPAL_OFFICER',
  SOCIAL_SERVICES = 'SOCIAL_SERVICES',
}

/** Scopes an API client (partner app) can hold. The value is what appears in docs and logs. */
export enum ApiScope {
  DIRECTORY_READ = 'directory:read',
  NIGHTWALKS_READ = 'nightwalks:read',
  SHELTERS_AVAILABILITY = 'shelters:availability',
  STATISTICS_READ = 'statistics:read',
}

export interface PersonActor {
  readonly kind: 'person';
  readonly personId: string;
  readonly systemRole: SystemRole | null;
  /** The sign-in session (refresh-token family) the access token belongs to. */
  readonly sessionId: string;
}

export interface ApiClientActor {
  readonly kind: 'apiClient';
  readonly apiClientId: string;
  readonly scopes: readonly ApiScope[];
  readonly ownerOrganisationId: string | null;
}

export interface AnonymousActor {
  readonly kind: 'anonymous';
}

export type Actor = PersonActor | ApiClientActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: 'anonymous' });

export function isPerson(actor: Actor): actor is PersonActor {
  return actor.kind === 'person';
}

/** The actor as a signed-in person, or FORBIDDEN with `message`: for what only a person can do. */
export function requirePerson(actor: Actor, message: string): PersonActor {
  if (!isPerson(actor)) throw DomainError.forbidden(message);
  return actor;
}

/** ADMIN holds every system role's rights. */
export function hasSystemRole(actor: Actor, ...roles: SystemRole[]): boolean {
  if (!isPerson(actor) || actor.systemRole === null) return false;
  return actor.systemRole === SystemRole.ADMIN || roles.includes(actor.systemRole);
}

export function isAdmin(actor: Actor): boolean {
  return isPerson(actor) && actor.systemRole === SystemRole.ADMIN;
}

/** Staff of the municipality who see what their role needs across organisations. */
export function isMunicipalStaff(actor: Actor): boolean {
  return hasSystemRole(actor, SystemRole.MUNICIPAL_OFFICER, SystemRole.SOCIAL_SERVICES);
}

export function hasScope(actor: Actor, scope: ApiScope): boolean {
  return actor.kind === 'apiClient' && actor.scopes.includes(scope);
}

/** Who did something, as recorded in the audit log. */
export function actorRef(actor: Actor): { personId: string | null; apiClientId: string | null } {
  return {
    personId: actor.kind === 'person' ? actor.personId : null,
    apiClientId: actor.kind === 'apiClient' ? actor.apiClientId : null,
  };
}
