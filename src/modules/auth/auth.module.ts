import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { ApiClientsModule } from '../api-clients';
import { OrganisationsModule } from '../organisations';
import { PeopleModule } from '../people';
import { NotificationsModule } from '../notifications';
import { AuthResolver } from './auth.resolver';
import { EmailVerificationController } from './email-verification.controller';
import { EmailVerificationResolver } from './email-verification.resolver';
import { EmailVerificationService } from './email-verification.service';
import { EmailVerification } from './entities/email-verification.entity';
import { AuthHousekeepingService } from './auth-housekeeping.service';
import { AuthService } from './auth.service';
import { AuthSession } from './entities/auth-session.entity';
import { LoginAttempt } from './entities/login-attempt.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { AuthRateLimitGuard } from './guards/auth-rate-limit.guard';
import { AuthenticationGuard } from './guards/authentication.guard';
import { LocalLoginGuard } from './guards/local-login.guard';
import { LoginAttemptsService } from './login-attempts.service';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { JWT_ALGORITHM, JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { TwoFactorChallenge } from './entities/two-factor-challenge.entity';
import { TwoFactorRecoveryCode } from './entities/two-factor-recovery-code.entity';
import { TwoFactor } from './entities/two-factor.entity';
import { TwoFactorFieldsResolver } from './two-factor-fields.resolver';
import { TwoFactorResolver } from './two-factor.resolver';
import { TwoFactorService } from './two-factor.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      AuthSession,
      RefreshToken,
      LoginAttempt,
      EmailVerification,
      TwoFactor,
      TwoFactorRecoveryCode,
      TwoFactorChallenge,
    ]),
    PassportModule.register({ session: false }),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        // Signing only: JwtStrategy verifies access tokens (algorithm, issuer, audience pinned).
        signOptions: {
          algorithm: JWT_ALGORITHM,
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
          expiresIn: config.jwt.accessTokenTtlSeconds,
        },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'auth', ttl: 60_000, limit: config.authRateLimitPerMinute }],
      }),
    }),
    PeopleModule,
    OrganisationsModule,
    ApiClientsModule,
    NotificationsModule,
  ],
  controllers: [EmailVerificationController],
  providers: [
    AuthService,
    AuthHousekeepingService,
    LoginAttemptsService,
    AuthResolver,
    EmailVerificationService,
    EmailVerificationResolver,
    JwtStrategy,
    ApiKeyStrategy,
    LocalStrategy,
    TwoFactorService,
    TwoFactorResolver,
    TwoFactorFieldsResolver,
    LocalLoginGuard,
    AuthRateLimitGuard,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [AuthService, TwoFactorService],
})
export class AuthModule implements OnModuleInit {
  private readonly logger = new Logger(AuthModule.name);

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (this.config.jwt.secretGenerated) {
      this.logger.warn(
        'JWT_SECRET is not set: using a random secret for this process. Tokens stop working when it restarts.',
      );
    }
  }
}
