import { randomBytes } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { Database } from '../src/database/database.service';
import { ScratchDatabase } from '../src/database/scratch-database';
import {
  MailMessage,
  MailStatus,
  NotificationKind,
  NotificationsService,
} from '../src/modules/notifications';
import { Person } from '../src/modules/people';
import { AppProcess } from './support/app-process';
import { SmtpSink } from './support/smtp-sink';
import { scratchTestDatabase, TestApp } from './support/test-app';

const MAIL_FROM = 'Samverkan <samverkan@trollhattan.example>';
const DOMAIN = 'trollhattan.example';
const postgres = Boolean(process.env.DATABASE_URL);

/**
 * The mail outbox with real API processes (child processes running the app from source, with
 * their scheduled jobs on) on one database: a process killed between claiming a mail and marking
 * it sent, and two processes sending from one outbox. This test process only writes the outbox
 * (through NotificationsService, in an app of its own whose dispatcher never runs by itself), plays
 * the mail server, and reads the rows.
 */
describe('the mail outbox across processes', () => {
  let sink: SmtpSink;
  let database: ScratchDatabase;
  let test: TestApp;

  beforeEach(async () => {
    sink = await SmtpSink.start();
    database = await scratchTestDatabase();
    test = await TestApp.create({ database, env: { SMTP_URL: sink.url, MAIL_FROM } });
  });

  afterEach(async () => {
    try {
      await AppProcess.stopAll();
      await test?.close();
      await sink?.stop();
    } finally {
      await database?.drop();
    }
  });

  const outbox = () => test.dataSource.getRepository(MailMessage);

  /** An API process on the test's database and sink, dispatching every second. */
  const apiProcess = (name: string, sendTimeoutSeconds: number) =>
    AppProcess.spawn(name, {
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      SAMVERKAN_ADMIN_EMAIL: '',
      SAMVERKAN_ADMIN_PASSWORD: '',
      ...database.env,
      SMTP_URL: sink.url,
      MAIL_FROM,
      MAIL_DISPATCH_INTERVAL_SECONDS: '1',
      MAIL_SEND_TIMEOUT_SECONDS: String(sendTimeoutSeconds),
    });

  /** Queues a shift reminder by mail to each of `count` new people; their outbox rows. */
  async function queueMail(count: number): Promise<MailMessage[]> {
    const people: Person[] = [];
    for (let index = 0; index < count; index += 1) people.push(await test.factories.person());
    const startsAt = new Date(Date.now() + 20 * 3600_000);
    await test.get(Database).transaction((manager) =>
      test.get(NotificationsService).notify(
        manager,
        people.map((person) => ({
          recipientPersonId: person.id,
          kind: NotificationKind.SHIFT_REMINDER,
          params: { startsAt, meetingPoint: 'Kronogårdstorget' },
          data: {},
        })),
      ),
    );
    const rows = await outbox().find();
    expect(rows).toHaveLength(count);
    expect(rows.every((row) => row.status === MailStatus.PENDING)).toBe(true);
    return rows;
  }

  /** The Message-IDs each row's recipient received, in order of arrival. */
  const deliveries = (rows: readonly MailMessage[]) =>
    Object.fromEntries(
      rows.map((row) => [row.id, sink.to(row.toAddress).map((mail) => mail.messageId)]),
    );
  const messageIdOf = (row: MailMessage) => `<${row.id}@${DOMAIN}>`;

  const allSent = async () =>
    (await outbox().find()).every((row) => row.status === MailStatus.SENT);

  describe.each([
    {
      mode: 'hang' as const,
      moment: 'before the mail server had the mail: it arrives once',
      deliveredBeforeKill: 0,
    },
    {
      mode: 'stall' as const,
      moment:
        'after the mail server had the mail, before it answered: it arrives again, with the same Message-ID',
      deliveredBeforeKill: 1,
    },
  ])(
    'a process killed with SIGKILL between claiming and sending',
    ({ mode, moment, deliveredBeforeKill }) => {
      it(`is relieved by the next process after its claim ran out, ${moment}`, async () => {
        const rows = await queueMail(5);
        // A claims all five (one batch) at start-up and starts sending the first. The server
        // either never greets it ('hang') or takes the message and never answers ('stall'); A is
        // killed then, well before its own send timeout (a quarter of the claim) could give up.
        sink.mode = mode;
        const a = apiProcess('A', 4);
        sink.onMessage = () => {
          sink.onMessage = null;
          a.kill('SIGKILL');
        };
        await waitUntil(
          () => sink.stalled.length > 0 || !a.alive,
          `A to start sending (${mode})`,
          [a],
          45_000,
          5,
        );
        a.kill('SIGKILL');
        const exit = await a.exited;
        expect({ signal: exit.signal, output: a.output.join('') }).toMatchObject({
          signal: 'SIGKILL',
        });
        expect(sink.mails).toHaveLength(deliveredBeforeKill);
        // Claimed, not sent, no outcome recorded: exactly what a dead sender leaves behind.
        for (const row of await outbox().find()) {
          expect(row).toMatchObject({
            status: MailStatus.SENDING,
            attempts: 1,
            lastError: null,
            sentAt: null,
          });
        }

        sink.mode = 'accept';
        const b = apiProcess('B', 4);
        await b.listening;
        await sink.waitFor(rows.length + deliveredBeforeKill, 30_000);
        await waitUntil(allSent, 'every row to be SENT', [b], 30_000);

        const expected = Object.fromEntries(rows.map((row) => [row.id, [messageIdOf(row)]]));
        if (deliveredBeforeKill > 0) {
          // The one the server already had arrives twice: once from A, once from B, same ID.
          const resent = rows.find((row) => row.toAddress === sink.mails[0].to)!;
          expected[resent.id] = [messageIdOf(resent), messageIdOf(resent)];
        }
        expect(deliveries(rows)).toEqual(expected);
        expect(sink.mails).toHaveLength(rows.length + deliveredBeforeKill);
        // Each row was claimed twice (A, then B once A's claim ran out) and sent by B.
        for (const row of await outbox().find()) {
          expect(row).toMatchObject({ status: MailStatus.SENT, attempts: 2, nextAttemptAt: null });
        }
      });
    },
  );

  it('two API processes on one outbox send every mail exactly once', async () => {
    const count = 40;
    let rows: MailMessage[];
    let processes: AppProcess[];
    // The server answers each mail a tenth of a second after it has it, as real ones take their
    // time: while one process is still sending its batch, the other claims again, and a row it
    // could take from under the sender (a claim not respected) would go out twice.
    sink.mode = 'stall';
    sink.onMessage = () => setTimeout(() => sink.stalled.shift()?.(), 100);
    if (postgres) {
      // Both processes start while the test holds the outbox table locked, so their first
      // claims wait for the same lock and run at the same moment once it is released (left to
      // themselves, the first to start would often send everything before the other polls).
      // The lock (EXCLUSIVE) lets plain reads through and stops row locks and writes.
      rows = await queueMail(count);
      const gate = await lockOutbox();
      try {
        processes = [apiProcess('A', 10), apiProcess('B', 10)];
        await Promise.all(processes.map((started) => started.listening));
        await waitUntil(
          async () => (await waitingOnOutbox()) >= 2,
          'both processes to wait for the outbox',
          processes,
          20_000,
        );
      } finally {
        await gate.commitTransaction();
        await gate.release();
      }
    } else {
      // On SQLite the database lets one writer at a time in and refuses a claim made on a
      // stale read (the write fails, the process claims again on its next round). Both run
      // before the mail is queued, so both are polling when it appears.
      processes = [apiProcess('A', 10), apiProcess('B', 10)];
      await Promise.all(processes.map((started) => started.listening));
      rows = await queueMail(count);
    }

    await sink.waitFor(count, 30_000);
    await waitUntil(allSent, 'every row to be SENT', processes, 30_000);
    // Longer than a dispatch round of either process: a second copy would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    expect(deliveries(rows)).toEqual(
      Object.fromEntries(rows.map((row) => [row.id, [messageIdOf(row)]])),
    );
    const messageIds = sink.mails.map((mail) => mail.messageId);
    expect(messageIds).toHaveLength(count);
    expect(new Set(messageIds).size).toBe(count);
    // Claimed once each: a row two processes had both claimed would show two attempts.
    for (const row of await outbox().find()) {
      expect(row).toMatchObject({ status: MailStatus.SENT, attempts: 1, nextAttemptAt: null });
    }
    expect(processes.every((started) => started.alive)).toBe(true);
  });

  /** PostgreSQL: a transaction holding `mail_outbox` in EXCLUSIVE mode until it commits. */
  async function lockOutbox(): Promise<QueryRunner> {
    const runner = test.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('LOCK TABLE mail_outbox IN EXCLUSIVE MODE');
    return runner;
  }

  /** PostgreSQL: how many statements wait for a lock on `mail_outbox` in this database. */
  async function waitingOnOutbox(): Promise<number> {
    const [{ waiting }] = await test.dataSource.query<Array<{ waiting: number }>>(
      `SELECT count(*)::int AS waiting FROM pg_locks
        WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND relation = 'mail_outbox'::regclass AND NOT granted`,
    );
    return waiting;
  }
});

/**
 * Polls until `condition` holds; fails after `timeoutMs`, or as soon as one of the processes it
 * depends on has ended, with what they wrote.
 */
async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  processes: readonly AppProcess[],
  timeoutMs: number,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    const ended = processes.find((started) => !started.alive);
    if (ended || Date.now() > deadline) {
      const why = ended ? `process ${ended.name} ended` : `${timeoutMs} ms passed`;
      const output = processes.map((started) => `--- ${started.name}:\n${started.output.join('')}`);
      throw new Error(`Gave up waiting for ${what}: ${why}\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
