import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createApp } from '../../src/bootstrap';

const READY = 'LISTENING ';
const REGISTER_TS = join(__dirname, 'register-ts.cjs');

/** How a child process ended: its exit code, or the signal that killed it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The real app in a child process of its own, run from the TypeScript sources (see
 * register-ts.cjs): for tests of what happens across processes (two API processes on one
 * database, a process killed half-way). Its whole configuration is the `env` it is started with
 * (no `.env` file, nothing inherited but PATH); it listens on a random port of 127.0.0.1. It also
 * exits when its standard input closes, so it never outlives the test process.
 *
 * Run directly (`node -r ./test/support/register-ts.cjs test/support/app-process.ts`), this file
 * is that child: it prints `LISTENING <url>` once the app listens.
 */
export class AppProcess {
  /** Everything the process wrote to stdout and stderr (for failure messages). */
  readonly output: string[] = [];
  /** Resolves when the process has ended. */
  readonly exited: Promise<Exit>;
  /** Where it listens (e.g. `http://127.0.0.1:41234`), once it does. */
  readonly listening: Promise<string>;
  private ended: Exit | null = null;
  private static readonly running = new Set<AppProcess>();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    timeoutMs: number,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.ended = { code, signal };
        resolve(this.ended);
      }),
    );
    const collect = (chunk: Buffer) => this.output.push(chunk.toString('utf8'));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.listening = this.untilListening(timeoutMs);
    // A test that never awaits `listening` (it kills the process first) must not fail for it.
    this.listening.catch(() => undefined);
  }

  /**
   * Starts the app with this environment; `listening` resolves to its URL once it listens. Every
   * process started here is ended by `stopAll()` (call it in afterEach).
   */
  static spawn(
    name: string,
    env: Record<string, string | undefined>,
    timeoutMs = 45_000,
  ): AppProcess {
    const child = spawn(process.execPath, ['--enable-source-maps', '-r', REGISTER_TS, __filename], {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const started = new AppProcess(name, child, timeoutMs);
    AppProcess.running.add(started);
    void started.exited.then(() => AppProcess.running.delete(started));
    return started;
  }

  /** Kills every process started here that still runs, and waits until they have ended. */
  static async stopAll(): Promise<void> {
    await Promise.all([...AppProcess.running].map((running) => running.stop()));
  }

  get alive(): boolean {
    return this.ended === null;
  }

  /** Sends a signal (SIGKILL: the process dies at once, with no shutdown of any kind). */
  kill(signal: NodeJS.Signals): void {
    if (this.alive) this.child.kill(signal);
  }

  /** Kills the process (if it still runs) and waits until it has ended. */
  async stop(): Promise<Exit> {
    this.kill('SIGKILL');
    return this.exited;
  }

  private untilListening(timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => {
        fail(`did not listen within ${timeoutMs} ms`);
        this.kill('SIGKILL');
      }, timeoutMs);
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(`App process ${this.name} ${why}:\n${this.output.join('')}`));
      };
      const onData = (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const line = seen.split('\n').find((candidate) => candidate.startsWith(READY));
        if (!line) return;
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        resolve(line.slice(READY.length).trim());
      };
      this.child.stdout?.on('data', onData);
      void this.exited.then((exit) =>
        fail(`ended before it listened (code ${exit.code}, signal ${exit.signal})`),
      );
    });
  }
}

/** The child: the app as main.ts starts it, configured by its environment only. */
async function main(): Promise<void> {
  const app = await createApp({ config: { ignoreEnvFile: true } });
  // The test process holds our standard input: when it goes, so do we.
  process.stdin.on('end', () => void app.close().finally(() => process.exit(0)));
  process.stdin.resume();
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`${READY}${await app.getUrl()}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
