import { SetMetadata } from '@nestjs/common';
import { ApiScope, SystemRole } from '../actor';

export const IS_PUBLIC = 'samverkan:isPublic';
export const REQUIRED_SYSTEM_ROLES = 'samverkan:requiredSystemRoles';
export const ALLOWED_API_SCOPES = 'samverkan:allowedApiScopes';

/**
 * The only opt-out from the global authentication guard: anyone may call this operation or
 * resolve this field, signed in or not. Every use is listed by the public-operations test.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Only people with one of these system roles (ADMIN always included) may call this.
 * Record-level rules still live in the service.
 */
export const RequireSystemRole = (...roles: SystemRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SYSTEM_ROLES, roles);

/**
 * API clients holding one of these scopes may call this. Without this decorator an API key
 * reaches only `@Public()` operations.
 */
export const AllowApiScope = (...scopes: ApiScope[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_API_SCOPES, scopes);
