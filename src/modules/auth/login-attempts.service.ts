import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { normaliseEmail } from '../../common/text';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { LoginAttempt } from './entities/login-attempt.entity';

/**
 * Limits password attempts per account: at most LOGIN_MAX_FAILED_ATTEMPTS within
 * LOGIN_LOCKOUT_SECONDS. An attempt is counted before the password is checked, so neither
 * parallel requests nor many aliased `login` fields in one request get more guesses; a successful
 * sign-in clears the count.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(
    @InjectRepository(LoginAttempt) private readonly attempts: Repository<LoginAttempt>,
    private readonly database: Database,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async reserve(email: string): Promise<void> {
    const accountKey = normaliseEmail(email);
    const now = this.clock.now();
    const windowStart = this.windowStart(now);
    const attempts = await this.database.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(LoginAttempt)
        .values({ accountKey, attempts: 0, windowStartedAt: now })
        .orIgnore()
        .execute();
      const row = await this.database.findOneForUpdate(manager, LoginAttempt, { accountKey });
      if (!row) throw new Error('login attempt row vanished');
      if (row.windowStartedAt < windowStart) {
        row.attempts = 0;
        row.windowStartedAt = now;
      }
      row.attempts += 1;
      await manager.update(
        LoginAttempt,
        { accountKey },
        { attempts: row.attempts, windowStartedAt: row.windowStartedAt },
      );
      return { count: row.attempts, windowStartedAt: row.windowStartedAt };
    });
    if (attempts.count > this.config.login.maxFailedAttempts) {
      const retryAt = new Date(
        attempts.windowStartedAt.getTime() + this.config.login.lockoutSeconds * 1000,
      );
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        'Too many login attempts for this account; try again later',
        {
          retryAt: retryAt.toISOString(),
        },
      );
    }
  }

  async clear(email: string): Promise<void> {
    await this.attempts.delete({ accountKey: normaliseEmail(email) });
  }

  /** Forgets counts whose window ended before `now` (housekeeping); how many. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.attempts.delete({ windowStartedAt: LessThan(this.windowStart(now)) });
    return result.affected ?? 0;
  }

  /** Attempts since this instant count. */
  private windowStart(now: Date): Date {
    return new Date(now.getTime() - this.config.login.lockoutSeconds * 1000);
  }
}
