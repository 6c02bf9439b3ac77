import type { Reflector } from '@nestjs/core';
import { type Actor, type ApiScope, hasSystemRole, type SystemRole } from './actor';
import {
  ALLOWED_API_SCOPES,
  IS_PUBLIC,
  REQUIRED_SYSTEM_ROLES,
} from './decorators/access.decorators';
import { DomainError } from './errors/domain-error';

/**
 * What an operation or a field resolver declares with `@Public()`, `@RequireSystemRole(...)` and
 * `@AllowApiScope(...)` (method over class). Read once per handler, at start-up.
 */
export interface AccessPolicy {
  readonly isPublic: boolean;
  readonly roles?: readonly SystemRole[];
  readonly scopes?: readonly ApiScope[];
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function accessPolicyOf(reflector: Reflector, targets: Function[]): AccessPolicy {
  return {
    isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
    roles: reflector.getAllAndOverride<SystemRole[] | undefined>(REQUIRED_SYSTEM_ROLES, targets),
    scopes: reflector.getAllAndOverride<ApiScope[] | undefined>(ALLOWED_API_SCOPES, targets),
  };
}

/**
 * Secure by default: unless public, a signed-in person is needed (with one of the roles, when
 * declared), or an API key holding one of the declared scopes. UNAUTHENTICATED or FORBIDDEN.
 */
export function requireAccess(policy: AccessPolicy, actor: Actor): void {
  if (policy.isPublic) return;
  if (actor.kind === 'anonymous') throw DomainError.unauthenticated();
  if (actor.kind === 'apiClient') {
    if (!policy.scopes?.some((scope) => actor.scopes.includes(scope))) {
      throw DomainError.forbidden("This API key's scopes do not allow this");
    }
    return;
  }
  if (policy.roles && !hasSystemRole(actor, ...policy.roles)) {
    throw DomainError.forbidden(`Requires the system role ${policy.roles.join(' or ')}`);
  }
}
