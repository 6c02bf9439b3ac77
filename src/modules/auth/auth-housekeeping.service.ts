import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { LoginAttempt } from './entities/login-attempt.entity';
import { RefreshToken } from './entities/refresh-token.entity';

/** Refresh tokens are kept this long after they expire (reuse of a recent one is still detected). */
const EXPIRED_TOKEN_RETENTION_MS = 24 * 3600 * 1000;

/**
 * Hourly: deletes refresh tokens that expired more than a day ago and login-attempt counts whose
 * window has ended, so neither table grows without bound (every email address anyone tries gets
 * a row).
 */
@Injectable()
export class AuthHousekeepingService {
  private readonly logger = new Logger(AuthHousekeepingService.name);

  constructor(
    @InjectRepository(LoginAttempt) private readonly attempts: Repository<LoginAttempt>,
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'auth-housekeeping' })
  async run(): Promise<{ loginAttempts: number; refreshTokens: number }> {
    const now = this.clock.now().getTime();
    const attempts = await this.attempts.delete({
      windowStartedAt: LessThan(new Date(now - this.config.login.lockoutSeconds * 1000)),
    });
    const tokens = await this.tokens.delete({
      expiresAt: LessThan(new Date(now - EXPIRED_TOKEN_RETENTION_MS)),
    });
    const removed = { loginAttempts: attempts.affected ?? 0, refreshTokens: tokens.affected ?? 0 };
    if (removed.loginAttempts + removed.refreshTokens > 0) {
      this.logger.log(
        `Removed ${removed.loginAttempts} login-attempt counts and ${removed.refreshTokens} expired refresh tokens`,
      );
    }
    return removed;
  }
}
