import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { RefreshToken } from './entities/refresh-token.entity';
import { LoginAttemptsService } from './login-attempts.service';

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
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
    private readonly loginAttempts: LoginAttemptsService,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'auth-housekeeping' })
  async run(): Promise<{ loginAttempts: number; refreshTokens: number }> {
    const now = this.clock.now();
    const loginAttempts = await this.loginAttempts.deleteExpired(now);
    const tokens = await this.tokens.delete({
      expiresAt: LessThan(new Date(now.getTime() - EXPIRED_TOKEN_RETENTION_MS)),
    });
    const removed = { loginAttempts, refreshTokens: tokens.affected ?? 0 };
    if (removed.loginAttempts + removed.refreshTokens > 0) {
      this.logger.log(
        `Removed ${removed.loginAttempts} login-attempt counts and ${removed.refreshTokens} expired refresh tokens`,
      );
    }
    return removed;
  }
}
