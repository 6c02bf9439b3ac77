import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo-data';
import { seedDemoData } from './seeder';

/**
 * `npm run demo`: migrates the database (./data/samverkan.sqlite unless DATABASE_PATH or
 * DATABASE_URL says otherwise), loads the demo data if it is not there yet, and serves the API.
 */
async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get(AppConfig);
  if (config.isProduction)
    throw new Error('npm run demo is not for NODE_ENV=production: use npm run start:prod.');
  await app.init();
  const report = await seedDemoData(app);
  const logger = new Logger('Demo');
  logger.log(`Demo data ready (created ${JSON.stringify(report.created)})`);
  await app.listen(config.port);
  logger.log(`GraphQL API at http://localhost:${config.port}/graphql`);
  logger.log(
    `Sign in as admin@samverkan.example (or any demo account in the README) with password ${DEMO_PASSWORD}`,
  );
  logger.log(
    `Staff accounts then give a code from an authenticator app set up with the secret ${DEMO_TOTP_SECRET}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
