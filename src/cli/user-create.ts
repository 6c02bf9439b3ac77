import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { INestApplicationContext } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { ANONYMOUS, SystemRole } from '../common/actor';
import { createApp } from '../bootstrap';
import { PasswordService, PeopleService, Person } from '../modules/people';

export interface CreateUserArguments {
  email: string;
  role?: string;
  name?: string;
  password?: string;
}

const USAGE =
  'Usage: npm run user:create -- --email <address> [--role ADMIN|MUNICIPAL_OFFICER|SOCIAL_SERVICES] ' +
  '[--name "Display Name"] [--password <password>]\n' +
  'Without --password a random one is generated and printed once. A given one must be hard to\n' +
  'guess (not a common password or word, nor made of the address or name). Staff accounts set\n' +
  'up their two-factor authenticator at their first sign-in.';

export function parseCreateUserArguments(argv: string[]): CreateUserArguments {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
    },
    strict: true,
  });
  if (!values.email) throw new Error(`--email is required.\n${USAGE}`);
  return { email: values.email, role: values.role, name: values.name, password: values.password };
}

/** Creates an account (optionally with a system role); returns it and the password used. */
export async function createUser(
  app: INestApplicationContext,
  args: CreateUserArguments,
): Promise<{ person: Person; password: string; generated: boolean }> {
  const role = args.role?.toUpperCase();
  if (role && !Object.values(SystemRole).includes(role as SystemRole)) {
    throw new Error(`--role must be one of ${Object.values(SystemRole).join(', ')}`);
  }
  if (!isEmail(args.email)) throw new Error('--email must be an email address');
  const displayName = args.name ?? args.email.split('@')[0];
  // 120 random bits: always strong (PeopleService.create checks it like any other).
  const password = args.password ?? randomBytes(15).toString('base64url');
  const weakness = PasswordService.weakness(password, { email: args.email, displayName });
  if (weakness) throw new Error(`--password is refused: ${weakness}`);
  const person = await app.get(PeopleService).create(
    ANONYMOUS,
    {
      email: args.email,
      displayName,
      password,
      systemRole: (role as SystemRole | undefined) ?? null,
    },
    { emailVerified: true },
  );
  return { person, password, generated: !args.password };
}

async function main(): Promise<void> {
  const args = parseCreateUserArguments(process.argv.slice(2));
  const app = await createApp({
    config: { overrides: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } },
  });
  try {
    await app.init();
    const { person, password, generated } = await createUser(app, args);
    console.log(
      `Created ${person.email}${person.systemRole ? ` (${person.systemRole})` : ''}, id ${person.id}`,
    );
    if (generated) console.log(`Password (shown once): ${password}`);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
