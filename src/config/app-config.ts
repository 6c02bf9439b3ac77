import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { validateEnvironment } from './environment';

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string; readonly busyTimeoutMs: number }
  | { readonly type: 'postgres'; readonly url: string };

/**
 * The validated, typed configuration the rest of the code reads. Built once at start-up from the
 * environment (and, in tests, explicit overrides); a bad value stops start-up.
 */
export class AppConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly logSql: boolean;
  readonly logLevel: string;
  readonly jwt: {
    readonly secret: string;
    /** True when no JWT_SECRET was given and a random one was generated for this process. */
    readonly secretGenerated: boolean;
    readonly issuer: string;
    readonly audience: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
  };
  readonly corsOrigins: readonly string[];
  readonly bootstrapAdmin: { readonly email: string; readonly password: string } | null;
  readonly login: { readonly maxFailedAttempts: number; readonly lockoutSeconds: number };
  readonly authRateLimitPerMinute: number;
  /** The cost limit of an operation (GRAPHQL_MAX_COST). */
  readonly graphqlMaxCost: number;
  /** The most list items a query may answer (GRAPHQL_MAX_ITEMS). */
  readonly graphqlMaxItems: number;
  readonly municipalityName: string;
  /** Where the API is reached from outside (for links such as calendar feeds); else the request's host. */
  readonly publicBaseUrl: string | null;
  readonly shelters: {
    /** A shelter's availability older than this is shown as NO_DATA. */
    readonly availabilityStaleHours: number;
    /** How long an accepted placement holds its places unless confirmed. */
    readonly placementHoldMinutes: number;
  };
  /** Days before a grant's follow-up report is due that its organisation is reminded (once). */
  readonly grantFollowUpReminderDays: number;
  /** Mail delivery; null when SMTP_URL is not set (notifications are stored, not mailed). */
  readonly mail: {
    readonly smtpUrl: string;
    readonly from: string;
    /** How often the outbox is looked at besides right after a commit that queued mail. */
    readonly dispatchIntervalSeconds: number;
    /** The longest a send may take; a claim older than this is taken over (its sender died). */
    readonly sendTimeoutSeconds: number;
  } | null;

  constructor(raw: Record<string, string | undefined>) {
    const env = validateEnvironment(raw);
    this.environment = env.NODE_ENV;
    this.port = env.PORT;
    this.database = env.DATABASE_URL
      ? { type: 'postgres', url: env.DATABASE_URL }
      : {
          type: 'sqlite',
          path: env.DATABASE_PATH === ':memory:' ? ':memory:' : resolve(env.DATABASE_PATH),
          busyTimeoutMs: env.SQLITE_BUSY_TIMEOUT_MS,
        };
    this.logSql = env.LOG_SQL === 'true';
    this.logLevel = env.LOG_LEVEL;
    this.jwt = {
      secret: env.JWT_SECRET ?? randomBytes(48).toString('base64url'),
      secretGenerated: !env.JWT_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    };
    this.corsOrigins = env.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0);
    this.bootstrapAdmin =
      env.SAMVERKAN_ADMIN_EMAIL && env.SAMVERKAN_ADMIN_PASSWORD
        ? { email: env.SAMVERKAN_ADMIN_EMAIL, password: env.SAMVERKAN_ADMIN_PASSWORD }
        : null;
    this.login = {
      maxFailedAttempts: env.LOGIN_MAX_FAILED_ATTEMPTS,
      lockoutSeconds: env.LOGIN_LOCKOUT_SECONDS,
    };
    this.authRateLimitPerMinute = env.AUTH_RATE_LIMIT_PER_MINUTE;
    this.graphqlMaxCost = env.GRAPHQL_MAX_COST;
    this.graphqlMaxItems = env.GRAPHQL_MAX_ITEMS;
    this.municipalityName = env.MUNICIPALITY_NAME;
    this.publicBaseUrl = env.PUBLIC_BASE_URL ?? null;
    this.shelters = {
      availabilityStaleHours: env.SHELTER_AVAILABILITY_STALE_HOURS,
      placementHoldMinutes: env.PLACEMENT_HOLD_MINUTES,
    };
    this.grantFollowUpReminderDays = env.GRANT_FOLLOW_UP_REMINDER_DAYS;
    this.mail =
      env.SMTP_URL && env.MAIL_FROM
        ? {
            smtpUrl: env.SMTP_URL,
            from: env.MAIL_FROM,
            dispatchIntervalSeconds: env.MAIL_DISPATCH_INTERVAL_SECONDS,
            sendTimeoutSeconds: env.MAIL_SEND_TIMEOUT_SECONDS,
          }
        : null;
  }

  /** Where links in mail and calendar feeds point: PUBLIC_BASE_URL, else this machine's port. */
  get linkBaseUrl(): string {
    return this.publicBaseUrl ?? `http://localhost:${this.port}`;
  }

  get isProduction(): boolean {
    return this.environment === 'production';
  }
}
