import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotificationGroup } from '../notification-groups';

/**
 * The token in a mail's one-click unsubscribe link: whose mail, which group, signed with a key
 * derived from the JWT secret. It never expires (a link in an old mail keeps working) and grants
 * nothing but turning that one group off for that one person.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('samverkan mail unsubscribe').digest();
  }

  create(personId: string, group: NotificationGroup): string {
    return `${personId}.${group}.${this.sign(personId, group)}`;
  }

  /** The person and group a token stands for; null for anything not made by `create`. */
  read(token: string): { personId: string; group: NotificationGroup } | null {
    const [personId, group, signature, ...rest] = token.split('.');
    if (rest.length > 0 || !personId || !signature) return null;
    if (!Object.values<string>(NotificationGroup).includes(group)) return null;
    const expected = Buffer.from(this.sign(personId, group as NotificationGroup));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { personId, group: group as NotificationGroup };
  }

  private sign(personId: string, group: NotificationGroup): string {
    return createHmac('sha256', this.key).update(`${personId}:${group}`).digest('base64url');
  }
}
