export { AuthModule } from './auth.module';
export { AuthService, type AccessTokenClaims } from './auth.service';
export { AuthHousekeepingService } from './auth-housekeeping.service';
export { AuthSession } from './entities/auth-session.entity';
export { LoginAttempt } from './entities/login-attempt.entity';
export { RefreshToken } from './entities/refresh-token.entity';
export { EmailVerification } from './entities/email-verification.entity';
export { EmailVerificationService } from './email-verification.service';
