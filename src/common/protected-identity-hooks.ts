import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type ProtectedIdentityHook = (
  manager: EntityManager,
  person: { id: string; displayName: string },
) => Promise<void>;

/**
 * What must happen, in the same transaction, when a person turns protected identity on: e.g. the
 * notifications module takes their name out of texts already stored for others. Modules register
 * here, so the people module need not know them.
 */
@Injectable()
export class ProtectedIdentityHooks {
  private readonly hooks: ProtectedIdentityHook[] = [];

  register(hook: ProtectedIdentityHook): void {
    this.hooks.push(hook);
  }

  async turnedOn(manager: EntityManager, person: { id: string; displayName: string }) {
    for (const hook of this.hooks) await hook(manager, person);
  }
}
