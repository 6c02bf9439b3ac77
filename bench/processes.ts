import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, createWriteStream, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A server process of the bench: the compiled app or the baseline. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** The end of what it wrote (standard output and error). */
  output(): string;
}

export interface SpawnOptions {
  readonly name: string;
  readonly script: string;
  readonly port: number;
  readonly env: Record<string, string>;
  /** Options for node itself (e.g. `--cpu-prof`), before the script. */
  readonly nodeArgs?: readonly string[];
  /** Where its standard output and error go: a file, so draining costs the harness nothing. */
  readonly logFile: string;
  /** Sees every line of standard output (e.g. to count SQL log lines), besides the file. */
  readonly onLine?: (line: string) => void;
}

const running = new Set<ChildProcess>();
const TAIL_BYTES = 16 * 1024;

function tailOf(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-TAIL_BYTES);
  } catch {
    return '(no output)';
  }
}

/** Spawns `node script` with only the environment given (plus PATH and HOME). */
export function spawnNode(options: SpawnOptions): Child {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', options.onLine ? 'pipe' : log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
  running.add(child);
  if (options.onLine && child.stdout) {
    child.stdout.pipe(createWriteStream(options.logFile, { flags: 'a' }));
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', options.onLine);
  }
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  return {
    name: options.name,
    pid: child.pid,
    port: options.port,
    url: `http://127.0.0.1:${options.port}`,
    exited,
    output: () => tailOf(options.logFile),
  };
}

/** Ends the child (SIGTERM, then SIGKILL after a grace period) and waits for it. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  const handle = [...running].find((candidate) => candidate.pid === child.pid);
  if (!handle) return;
  handle.kill('SIGTERM');
  const timer = setTimeout(() => handle.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Kills every child still running (on a harness error or Ctrl-C); only our own, by pid. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One POST /graphql with a JSON body, on a fresh connection. */
export function postGraphql(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: response.headers,
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** One GET, e.g. the baseline's /stats. */
export function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const TYPENAME = JSON.stringify({ query: '{ __typename }' });

/**
 * Waits until the child answers `{ __typename }`; resolves with the milliseconds since `startedAt`.
 * Fails when the child exits first or `timeoutMs` passes.
 */
export async function waitUntilAnswering(
  child: Child,
  startedAt: number,
  timeoutMs = 60_000,
): Promise<number> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${child.name} exited before answering:\n${child.output()}`);
    if (performance.now() - startedAt > timeoutMs) {
      throw new Error(`${child.name} did not answer within ${timeoutMs} ms:\n${child.output()}`);
    }
    try {
      const answer = await postGraphql(child.url, TYPENAME);
      if (answer.status === 200 && answer.body.includes('"__typename":"Query"')) {
        return performance.now() - startedAt;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Kernel clock ticks per second, for /proc/<pid>/stat (typically 100). */
export function clockTicksPerSecond(): number {
  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
}

/** User plus system CPU time of the process so far, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name and state.
  return Number(fields[11]) + Number(fields[12]);
}

/** A `VmRSS`/`VmHWM`-style line of /proc/<pid>/status, in kB. */
export function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}
