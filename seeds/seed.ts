import 'reflect-metadata';
import { createApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { seedDemoData } from './seeder';

/** `npm run seed`: loads the demo data into the configured database (migrating it first). */
async function main(): Promise<void> {
  const app = await createApp();
  try {
    if (app.get(AppConfig).isProduction && !process.argv.includes('--force')) {
      throw new Error(
        'Refusing to load demo data (with known passwords) when NODE_ENV=production; add --force to insist.',
      );
    }
    await app.init();
    const report = await seedDemoData(app);
    console.log(
      `Demo data: created ${JSON.stringify(report.created)}, already there ${JSON.stringify(report.existing)}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
