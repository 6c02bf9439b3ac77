import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Actor, ANONYMOUS, requirePerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { sha256Hex } from '../../common/sha256';
import { normaliseEmail } from '../../common/text';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { AccountMailKind, NotificationsService } from '../notifications';
import { Person, PeopleService } from '../people';
import { RegisterInput } from './dto/auth.inputs';
import { EmailVerification } from './entities/email-verification.entity';

/** How long a verification link works. */
export const VERIFICATION_HOURS = 24;

const INVALID_LINK = 'This link is not valid any more: ask for a new one';

/**
 * Proves that an account's address is its holder's: a single-use link, valid for
 * VERIFICATION_HOURS, sent to the address; using it sets `emailVerifiedAt`. Registration answers
 * the same whether the address is new or taken (a taken one gets a mail saying so instead of an
 * account), so no caller learns from it who has an account.
 */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly database: Database,
    private readonly people: PeopleService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * A new, unverified account with a verification mail; or, when the address has an account, a
   * mail to it saying so. Both hash the password and write one transaction, so they take as long.
   */
  async register(input: RegisterInput): Promise<void> {
    const email = normaliseEmail(input.email);
    const existing = await this.people.findByEmail(email);
    if (existing) {
      await this.people.hashPassword(input.password);
      await this.database.transaction((manager) =>
        this.notifications.sendAccountMail(
          manager,
          { personId: existing.id, address: existing.email, locale: existing.locale },
          { kind: AccountMailKind.ACCOUNT_EXISTS, params: { signInUrl: this.link('') } },
          this.link(''),
        ),
      );
      return;
    }
    try {
      await this.people.create(ANONYMOUS, input, {
        onCreated: (manager, person) => this.send(manager, person),
      });
    } catch (error) {
      // Registered at the same moment by someone else: the same answer, and they get the mail.
      if (error instanceof DomainError && error.code === ErrorCode.CONFLICT) return;
      throw error;
    }
  }

  /** A new link for the signed-in person's address (the earlier ones stop working). */
  async resend(actor: Actor): Promise<boolean> {
    const me = requirePerson(actor, 'Only a signed-in person has an address to verify');
    const person = await this.people.get(me.personId);
    if (person.emailVerifiedAt) return true;
    await this.database.transaction((manager) => this.send(manager, person));
    return true;
  }

  /** Uses a link: the account whose address it went to (and still has) is verified. */
  async verify(token: string): Promise<boolean> {
    const now = this.clock.now();
    const verified = await this.database.transaction(async (manager) => {
      const link = await manager.findOneBy(EmailVerification, { tokenHash: sha256Hex(token) });
      if (!link || link.usedAt || link.expiresAt <= now) return false;
      const claimed = await manager.update(
        EmailVerification,
        { id: link.id, usedAt: IsNull() },
        { usedAt: now },
      );
      if (!claimed.affected) return false;
      const person = await manager.findOneBy(Person, { id: link.personId });
      if (!person || person.email !== link.email) return false;
      if (!person.emailVerifiedAt) {
        await manager.update(Person, { id: person.id }, { emailVerifiedAt: now });
      }
      return true;
    });
    if (!verified) throw DomainError.badInput(INVALID_LINK, { token: [INVALID_LINK] });
    return true;
  }

  /** Stores a new link for the person's current address and queues its mail. */
  async send(manager: EntityManager, person: Person): Promise<void> {
    const now = this.clock.now();
    await manager.update(
      EmailVerification,
      { personId: person.id, usedAt: IsNull() },
      { expiresAt: now },
    );
    const token = randomBytes(32).toString('base64url');
    await manager.save(
      manager.create(EmailVerification, {
        personId: person.id,
        email: person.email,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(now.getTime() + VERIFICATION_HOURS * 3600_000),
        usedAt: null,
      }),
    );
    const link = this.link(`/verify-email?token=${token}`);
    await this.notifications.sendAccountMail(
      manager,
      { personId: person.id, address: person.email, locale: person.locale },
      {
        kind: AccountMailKind.EMAIL_VERIFICATION,
        params: { link, validHours: VERIFICATION_HOURS },
      },
      link,
    );
  }

  private link(path: string): string {
    return `${this.config.linkBaseUrl}${path || '/'}`;
  }
}
