import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../../../common/clock';
import { SCHEDULED_JOBS } from '../../../common/scheduled-jobs';
import { AppConfig } from '../../../config/app-config';
import { Database } from '../../../database/database.service';
import { MailMessage, MailStatus } from '../entities/mail-message.entity';
import { MailComposer } from './mail-composer';
import { describeFailure, MailTransport } from './mail-transport';

/** Waits after the 1st, 2nd, … failed attempt; after the last one the mail is FAILED. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 12 * 3600_000];

/** Rows claimed per round (each process sends at most this many at once). */
const BATCH = 10;

/** The wait before the next attempt: the schedule's delay, give or take a fifth (jitter). */
export function retryDelay(failedAttempts: number, random = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.min(failedAttempts, RETRY_DELAYS_MS.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Sends the mail outbox. A round claims due rows in a short transaction (PENDING, or SENDING whose
 * claim ran out because its sender died; on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two processes
 * never claim one row), sends them outside any transaction, and records each outcome only if the
 * claim is still its own. The Message-ID is the row's id: if a process dies after the server
 * accepted a mail and before marking it SENT, the resend carries the same Message-ID.
 *
 * Runs right after a commit that queued mail and every MAIL_DISPATCH_INTERVAL_SECONDS; with
 * scheduled jobs off (tests), only when `dispatch()` is called.
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<number> | null = null;
  private next: Promise<number> | null = null;
  private closing = false;

  constructor(
    private readonly database: Database,
    private readonly transport: MailTransport,
    private readonly composer: MailComposer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(SCHEDULED_JOBS) private readonly background: boolean,
  ) {}

  onApplicationBootstrap(): void {
    const mail = this.config.mail;
    if (!mail) {
      this.logger.log('Mail is off (SMTP_URL is not set): notifications are stored, not mailed');
      return;
    }
    this.logger.log(`Mail is on: sending from ${mail.from}`);
    if (!this.background) return;
    this.timer = setInterval(() => this.kick(), mail.dispatchIntervalSeconds * 1000);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    await this.current?.catch(() => 0);
  }

  /** Sends what is due soon, in the background (after a commit that queued mail). */
  kick(): void {
    if (!this.background || !this.config.mail || this.closing) return;
    this.dispatch().catch((error: unknown) =>
      this.logger.error(`Mail dispatch failed: ${String(error)}`),
    );
  }

  /**
   * Sends every due mail, round after round until none is left; resolves to how many were sent.
   * Calls while a run is going wait for one more run after it (never two runs at once here).
   */
  dispatch(): Promise<number> {
    if (!this.current) {
      this.current = this.run().finally(() => (this.current = null));
      return this.current;
    }
    this.next ??= this.current
      .catch(() => 0)
      .then(() => {
        this.next = null;
        return this.dispatch();
      });
    return this.next;
  }

  private async run(): Promise<number> {
    if (!this.config.mail) return 0;
    let sent = 0;
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0) return sent;
      for (const mail of claimed) {
        if (await this.send(mail)) sent += 1;
      }
      if (this.closing) return sent;
    }
  }

  /** Claims up to BATCH due rows for this process until its claim (the send timeout) runs out. */
  private claim(): Promise<MailMessage[]> {
    const now = this.clock.now();
    const claimUntil = new Date(
      now.getTime() + (this.config.mail?.sendTimeoutSeconds ?? 120) * 1000,
    );
    return this.database.transaction(async (manager) => {
      const due = manager
        .getRepository(MailMessage)
        .createQueryBuilder('mail')
        .select('mail.id')
        .where('mail.status IN (:...open)', { open: [MailStatus.PENDING, MailStatus.SENDING] })
        .andWhere('mail.nextAttemptAt <= :now', { now })
        .orderBy('mail.nextAttemptAt', 'ASC')
        .limit(BATCH);
      if (this.database.dialect === 'postgres') {
        due.setLock('pessimistic_write').setOnLocked('skip_locked');
      }
      const ids = (await due.getMany()).map((mail) => mail.id);
      if (ids.length === 0) return [];
      await manager
        .createQueryBuilder()
        .update(MailMessage)
        .set({
          status: MailStatus.SENDING,
          nextAttemptAt: claimUntil,
          attempts: () => 'attempts + 1',
        })
        .where({ id: In(ids) })
        .execute();
      return manager.findBy(MailMessage, { id: In(ids) });
    });
  }

  /** One attempt; true when the server accepted it. The outcome is written only under our claim. */
  private async send(mail: MailMessage): Promise<boolean> {
    const ours = { id: mail.id, status: MailStatus.SENDING, attempts: mail.attempts };
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
    if (mail.unsubscribeGroup && mail.recipientPersonId) {
      // RFC 8058: a POST to this link turns the group off, no page or sign-in in between.
      const link = this.composer.unsubscribeUrl(mail.recipientPersonId, mail.unsubscribeGroup);
      headers['List-Unsubscribe'] = `<${link}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      await this.transport.send({
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        messageId: `<${mail.id}@${this.transport.domain}>`,
        headers,
      });
    } catch (error) {
      const failure = describeFailure(error);
      const last = failure.permanent || mail.attempts > RETRY_DELAYS_MS.length;
      await this.database.dataSource.getRepository(MailMessage).update(ours, {
        status: last ? MailStatus.FAILED : MailStatus.PENDING,
        nextAttemptAt: last
          ? null
          : new Date(this.clock.now().getTime() + retryDelay(mail.attempts)),
        lastError: failure.message,
      });
      this.logger.warn(
        `Mail ${mail.id} (${mail.kind}) attempt ${mail.attempts} failed` +
          `${last ? ', giving up' : ', will retry'}: ${failure.message}`,
      );
      return false;
    }
    await this.database.dataSource
      .getRepository(MailMessage)
      .update(ours, { status: MailStatus.SENT, sentAt: this.clock.now(), nextAttemptAt: null });
    return true;
  }
}
