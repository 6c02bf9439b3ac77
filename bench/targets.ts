import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { DatabaseLocation } from './database';
import { type Child, freePort, spawnNode, stopChild, waitUntilAnswering } from './processes';
import { JWT_AUDIENCE, JWT_ISSUER } from './tokens';

/** Starts a process of one target; each call is a new process on a free port. */
export type Launcher = () => Promise<Child>;

export interface TargetSettings {
  /** Holds the copy of the server's build and the compiled baseline. */
  readonly codeDir: string;
  /** Holds the processes' log files. */
  readonly logDir: string;
  readonly jwtSecret: string;
  readonly logLevel: string;
  readonly maxCost: number;
}

/**
 * How the two targets are started: the server from a copy of its build (a rebuild while the bench
 * runs changes nothing), the baseline compiled to JavaScript (neither pays for TypeScript when it
 * starts). The copy lives under node_modules/.cache, so both resolve the repository's packages.
 */
export class Targets {
  private spawned = 0;

  constructor(private readonly settings: TargetSettings) {}

  prepare(serverDist: string, benchSources: string): void {
    const main = join(serverDist, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} does not exist: build the server first`);
    cpSync(serverDist, join(this.settings.codeDir, 'dist'), { recursive: true });
    transpileBench(benchSources, join(this.settings.codeDir, 'bench'));
  }

  get serverDist(): string {
    return join(this.settings.codeDir, 'dist');
  }

  /** The compiled server as production runs it; `extra` overrides its environment. */
  server(
    location: DatabaseLocation,
    extra: Record<string, string> = {},
    onLine?: (line: string) => void,
  ): Launcher {
    const { settings } = this;
    return async () => {
      const port = await freePort();
      return spawnNode({
        name: 'server',
        script: join(this.serverDist, 'src', 'main.js'),
        // For profiling, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/profiles".
        nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
        port,
        logFile: this.logFile('server'),
        onLine,
        env: {
          NODE_ENV: 'production',
          PORT: String(port),
          JWT_SECRET: settings.jwtSecret,
          JWT_ISSUER,
          JWT_AUDIENCE,
          LOG_LEVEL: settings.logLevel,
          LOG_SQL: 'false',
          GRAPHQL_MAX_COST: String(settings.maxCost),
          ...(location.dialect === 'sqlite'
            ? { DATABASE_PATH: location.target }
            : { DATABASE_URL: location.target }),
          ...extra,
        },
      });
    };
  }

  baseline(location: DatabaseLocation): Launcher {
    const { settings } = this;
    return async () => {
      const port = await freePort();
      return spawnNode({
        name: 'baseline',
        script: join(settings.codeDir, 'bench', 'baseline.js'),
        port,
        logFile: this.logFile('baseline'),
        env: {
          BASELINE_PORT: String(port),
          BASELINE_DIALECT: location.dialect,
          BASELINE_DATABASE: location.target,
          JWT_SECRET: settings.jwtSecret,
          JWT_ISSUER,
          JWT_AUDIENCE,
        },
      });
    };
  }

  private logFile(name: string): string {
    this.spawned += 1;
    return join(this.settings.logDir, `${name}-${this.spawned}.log`);
  }
}

/** A started process once it answers, and how long that took from the spawn. */
export interface Started {
  readonly child: Child;
  readonly ms: number;
}

export async function startAndWait(launch: Launcher): Promise<Started> {
  const startedAt = performance.now();
  const child = await launch();
  return { child, ms: await waitUntilAnswering(child, startedAt) };
}

/** Starts a target `runs` times, stopping all but the last; the time to a first answer each time. */
export async function repeatColdStart(
  launch: Launcher,
  runs: number,
): Promise<{ child: Child; ms: number[] }> {
  const ms: number[] = [];
  let last: Child | null = null;
  for (let run = 0; run < runs; run += 1) {
    if (last) await stopChild(last);
    const started = await startAndWait(launch);
    ms.push(started.ms);
    last = started.child;
  }
  if (!last) throw new Error('no cold start');
  return { child: last, ms };
}

/** The bench's modules as CommonJS, each compiled on its own as test/support/register-ts.cjs does. */
function transpileBench(sourceDir: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(sourceDir)) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(sourceDir, file), 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2023,
        esModuleInterop: true,
      },
    });
    writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), outputText);
  }
}
