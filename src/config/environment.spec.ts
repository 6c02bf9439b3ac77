import { AppConfig } from './app-config';
import { ConfigurationError, validateEnvironment } from './environment';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    validateEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('environment validation', () => {
  it('accepts an empty environment with documented defaults', () => {
    const config = new AppConfig({});
    expect(config.port).toBe(3000);
    expect(config.environment).toBe('development');
    expect(config.database).toMatchObject({ type: 'sqlite' });
    expect(config.database.type === 'sqlite' && config.database.path).toMatch(
      /data\/samverkan\.sqlite$/,
    );
    expect(config.jwt.accessTokenTtlSeconds).toBe(900);
  });

  it('names the variable that holds a bad value', () => {
    expect(problemsOf({ PORT: 'abc' }).join()).toMatch(/PORT/);
    expect(problemsOf({ PORT: '70000' }).join()).toMatch(/PORT/);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' }).join()).toMatch(/DATABASE_URL/);
    expect(problemsOf({ LOG_LEVEL: 'loud' }).join()).toMatch(/LOG_LEVEL/);
    expect(
      problemsOf({
        SAMVERKAN_ADMIN_EMAIL: 'not-an-email',
        SAMVERKAN_ADMIN_PASSWORD: 'x'.repeat(12),
      }).join(),
    ).toMatch(/SAMVERKAN_ADMIN_EMAIL/);
  });

  it('requires JWT_SECRET in production and generates one in development', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toMatch(/JWT_SECRET is required/);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short' }).join()).toMatch(
      /JWT_SECRET/,
    );
    const production = new AppConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) });
    expect(production.jwt).toMatchObject({ secret: 's'.repeat(40), secretGenerated: false });
    const development = new AppConfig({});
    expect(development.jwt.secretGenerated).toBe(true);
    expect(development.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(new AppConfig({}).jwt.secret).not.toBe(development.jwt.secret);
  });

  it('requires the bootstrap admin email and password together', () => {
    expect(problemsOf({ SAMVERKAN_ADMIN_EMAIL: 'admin@example.se' }).join()).toMatch(
      /must be set together/,
    );
    const config = new AppConfig({
      SAMVERKAN_ADMIN_EMAIL: 'admin@example.se',
      SAMVERKAN_ADMIN_PASSWORD: 'a-long-password',
    });
    expect(config.bootstrapAdmin).toEqual({
      email: 'admin@example.se',
      password: 'a-long-password',
    });
  });

  it('chooses PostgreSQL when DATABASE_URL is set', () => {
    const config = new AppConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.database).toEqual({
      type: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
    });
  });

  it('treats empty strings as unset and splits CORS origins', () => {
    const config = new AppConfig({
      DATABASE_URL: '',
      JWT_SECRET: '',
      CORS_ORIGINS: 'https://a.se, https://b.se',
    });
    expect(config.database.type).toBe('sqlite');
    expect(config.corsOrigins).toEqual(['https://a.se', 'https://b.se']);
  });

  it('reads the shelter settings: stale after 24 hours and holds of 4 hours unless set', () => {
    expect(new AppConfig({}).shelters).toEqual({
      availabilityStaleHours: 24,
      placementHoldMinutes: 240,
    });
    expect(
      new AppConfig({ SHELTER_AVAILABILITY_STALE_HOURS: '6', PLACEMENT_HOLD_MINUTES: '90' })
        .shelters,
    ).toEqual({ availabilityStaleHours: 6, placementHoldMinutes: 90 });
    expect(problemsOf({ SHELTER_AVAILABILITY_STALE_HOURS: '0' }).join()).toMatch(
      /SHELTER_AVAILABILITY_STALE_HOURS/,
    );
    expect(problemsOf({ PLACEMENT_HOLD_MINUTES: 'fyra timmar' }).join()).toMatch(
      /PLACEMENT_HOLD_MINUTES/,
    );
  });
});
