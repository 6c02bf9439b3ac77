import { SchedulerRegistry } from '@nestjs/schedule';
import { SystemRole } from '../src/common/actor';
import type { ScratchDatabase } from '../src/database/scratch-database';
import { Person } from '../src/modules/people';
import { scratchTestDatabase, TestApp } from './support/test-app';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { person { id } twoFactorChallenge { next } } }`;

describe('start-up', () => {
  it('schedules every job with its interval (tests run them by hand instead)', async () => {
    const test = await TestApp.create({ scheduledJobs: true });
    try {
      const jobs = test.get(SchedulerRegistry).getCronJobs();
      const schedules = Object.fromEntries(
        [...jobs].map(([name, job]) => [name, String(job.cronTime.source)]),
      );
      expect(schedules).toEqual({
        'auth-housekeeping': '0 0-23/1 * * *',
        'bookings-expire-requests': '0 */5 * * * *',
        'bookings-unanswered-reminders': '0 */30 * * * *',
        'credentials-expiry-reminders': '0 0-23/1 * * *',
        'grants-close-programmes': '0 */10 * * * *',
        'grants-follow-up-overdue': '0 0-23/1 * * *',
        'grants-follow-up-reminders': '0 0-23/1 * * *',
        'night-walks-no-shows': '0 */5 * * * *',
        'night-walks-reminders': '0 */10 * * * *',
        'night-walks-understaffed': '0 */10 * * * *',
        'shelters-announce-stale': '0 */5 * * * *',
        'shelters-expire-holds': '*/1 * * * *',
      });
    } finally {
      await test.close();
    }
    const quiet = await TestApp.create();
    try {
      expect(() => quiet.get(SchedulerRegistry)).toThrow();
    } finally {
      await quiet.close();
    }
  });

  it('stops with a message naming the variable when configuration is bad', async () => {
    await expect(TestApp.create({ env: { PORT: 'tre tusen' } })).rejects.toThrow(/PORT/);
    await expect(
      TestApp.create({ env: { NODE_ENV: 'production', JWT_SECRET: '' } }),
    ).rejects.toThrow(/JWT_SECRET is required when NODE_ENV=production/);
    await expect(TestApp.create({ env: { ACCESS_TOKEN_TTL_SECONDS: '5' } })).rejects.toThrow(
      /ACCESS_TOKEN_TTL_SECONDS/,
    );
    await expect(
      TestApp.create({
        env: { SAMVERKAN_ADMIN_EMAIL: 'chef@example.se', SAMVERKAN_ADMIN_PASSWORD: 'password123' },
      }),
    ).rejects.toThrow(/SAMVERKAN_ADMIN_PASSWORD is refused/);
    await expect(TestApp.create({ env: { SMTP_URL: 'smtp://127.0.0.1:25' } })).rejects.toThrow(
      /MAIL_FROM is required when SMTP_URL is set/,
    );
    await expect(TestApp.create({ env: { SMTP_URL: 'http://mail' } })).rejects.toThrow(/SMTP_URL/);
  });

  describe('bootstrap ADMIN', () => {
    let database: ScratchDatabase;

    beforeAll(async () => {
      database = await scratchTestDatabase();
    });

    afterAll(async () => {
      await database.drop();
    });

    it('is created at start-up from SAMVERKAN_ADMIN_EMAIL and _PASSWORD, once, and never overwritten', async () => {
      const first = await TestApp.create({
        env: {
          ...database.env,
          SAMVERKAN_ADMIN_EMAIL: 'Admin@Trollhattan.se',
          SAMVERKAN_ADMIN_PASSWORD: 'första långa lösenfrasen 2026',
        },
      });
      try {
        const { login } = await first.anonymous.ok(LOGIN, {
          input: { email: 'admin@trollhattan.se', password: 'första långa lösenfrasen 2026' },
        });
        expect(login).toEqual({ person: null, twoFactorChallenge: { next: 'SETUP' } });
      } finally {
        await first.close();
      }
      // A restart with other values changes nothing for an existing account.
      const second = await TestApp.create({
        env: {
          ...database.env,
          SAMVERKAN_ADMIN_EMAIL: 'admin@trollhattan.se',
          SAMVERKAN_ADMIN_PASSWORD: 'en annan lång lösenfras 2027',
        },
      });
      try {
        await second.anonymous.ok(LOGIN, {
          input: { email: 'admin@trollhattan.se', password: 'första långa lösenfrasen 2026' },
        });
        const admins = await second.dataSource
          .getRepository(Person)
          .countBy({ systemRole: SystemRole.ADMIN });
        expect(admins).toBe(1);
      } finally {
        await second.close();
      }
    });
  });
});
