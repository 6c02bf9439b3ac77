import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBooleanString,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable Samverkan reads, validated once at start-up. The property names are
 * the variable names, so a validation message names the variable to fix.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATABASE_PATH = './data/samverkan.sqlite';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  SQLITE_BUSY_TIMEOUT_MS = 5000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'samverkan';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'samverkan-api';

  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(24 * 3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(365 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'SAMVERKAN_ADMIN_EMAIL must be an email address' })
  SAMVERKAN_ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'SAMVERKAN_ADMIN_PASSWORD must be at least 10 characters' })
  SAMVERKAN_ADMIN_PASSWORD?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILED_ATTEMPTS = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 30;

  /**
   * The most an operation may cost (see src/graphql/cost.ts), counted before it runs. The default
   * suits the public API; an installation that runs larger screens raises it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  GRAPHQL_MAX_COST = 1_000_000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  GRAPHQL_MAX_ITEMS = 20_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsBooleanString()
  LOG_SQL = 'false';

  @IsString()
  @MinLength(1)
  MUNICIPALITY_NAME = 'Trollhättan';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+(\/.*[^/])?$/, {
    message: 'PUBLIC_BASE_URL must be an http(s) URL without a trailing slash',
  })
  PUBLIC_BASE_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  SHELTER_AVAILABILITY_STALE_HOURS = 24;

  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(7 * 24 * 60)
  PLACEMENT_HOLD_MINUTES = 240;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  GRANT_FOLLOW_UP_REMINDER_DAYS = 14;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(.*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'MAIL_FROM must be an address, e.g. "Samverkan <samverkan@kommun.se>"',
  })
  MAIL_FROM?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_DISPATCH_INTERVAL_SECONDS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_SEND_TIMEOUT_SECONDS = 120;
}

/** Start-up refuses to continue; the message names every variable that needs fixing. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

function messages(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const known = new Set(Object.keys(new EnvironmentVariables()));
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => value !== undefined && known.has(key)),
  );
  const env = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const problems = messages(validateSync(env, { skipMissingProperties: false }));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  if (Boolean(env.SAMVERKAN_ADMIN_EMAIL) !== Boolean(env.SAMVERKAN_ADMIN_PASSWORD)) {
    problems.push('SAMVERKAN_ADMIN_EMAIL and SAMVERKAN_ADMIN_PASSWORD must be set together');
  }
  if (env.SMTP_URL && !env.MAIL_FROM) {
    problems.push('MAIL_FROM is required when SMTP_URL is set');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return env;
}
