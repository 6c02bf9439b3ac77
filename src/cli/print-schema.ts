import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createApp } from '../bootstrap';
import { schemaText } from '../graphql/schema-text';

/** Writes schema.graphql from the running code (an in-memory database is enough). */
async function main(): Promise<void> {
  const app = await createApp({
    config: {
      ignoreEnvFile: true,
      overrides: { DATABASE_URL: '', DATABASE_PATH: ':memory:', LOG_LEVEL: 'warn' },
    },
  });
  try {
    await app.init();
    const file = join(process.cwd(), 'schema.graphql');
    writeFileSync(file, schemaText(app.get(GraphQLSchemaHost).schema));
    console.log(`Wrote ${file}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
