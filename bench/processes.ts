/**
 * Starting and stopping SquadOps processes from the built dist/ (API replicas, workers), shared by
 * bench/fanout and the topology test (test/topology). Every wait is bounded; every child started
 * here is tracked and killed by `killAll()` (installed on process exit by `killChildrenOnExit()`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms` with `what` in the message. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/** Polls `cond` every `everyMs` until it holds; rejects after `ms` naming `what`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000, everyMs = 50): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** HTTP GET on 127.0.0.1; resolves with the status (0 when unreachable) and the body text. */
export function httpGet(port: number, path: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => req.destroy());
  });
}

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Resolves once the process has exited (for whatever reason). */
  exited: Promise<void>;
  hasExited(): boolean;
}

export interface Server extends Proc {
  port: number;
}

const children = new Set<ChildProcess>();

/**
 * Spawns `command args` with exactly `env` (plus PATH). Output: 'inherit' passes it through,
 * 'prefix' prints each line prefixed with `[name]`, 'ignore' drops it.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  output: 'inherit' | 'prefix' | 'ignore' = 'inherit',
  onLine?: (line: string) => void,
): Proc {
  const piped = output === 'prefix' || onLine !== undefined;
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', piped ? 'pipe' : output, piped ? 'pipe' : output],
  });
  children.add(child);
  if (piped) {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        onLine?.(line);
        if (output === 'prefix') process.stdout.write(`  [${name}] ${line}\n`);
        else if (output === 'inherit') process.stdout.write(`${line}\n`);
      });
    }
  }
  let done = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      done = true;
      children.delete(child);
      resolve();
    }),
  );
  return { name, child, exited, hasExited: () => done };
}

/** The environment every SquadOps process of one deployment shares. */
export interface AppEnv {
  databaseUrl: string;
  jwtSecret: string;
  redisUrl?: string | null;
  /** Further variables (LOG_LEVEL, RATE_LIMIT_*, …). */
  extra?: NodeJS.ProcessEnv;
}

function appEnv(e: AppEnv): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: e.databaseUrl,
    JWT_SECRET: e.jwtSecret,
    SEED_DEMO: 'false',
    ...(e.redisUrl ? { REDIS_URL: e.redisUrl } : {}),
    ...e.extra,
  };
}

/**
 * Starts an API replica (`node dist/src/main.js`, RUN_JOBS=false unless `extra` says otherwise) on a
 * free port and waits until `GET /health` answers 200 (at most `readyMs`). `dir`: run the build in
 * `<dir>/dist/src/main.js` instead (another commit's build, e.g. a bench's BENCH_BASELINE, with
 * node_modules reachable from it); the working directory stays the caller's.
 */
export async function startServer(
  name: string,
  e: AppEnv,
  opts: { output?: 'inherit' | 'prefix' | 'ignore'; readyMs?: number; nodeArgs?: string[]; dir?: string } = {},
): Promise<Server> {
  const port = await freePort();
  const env = { RUN_JOBS: 'false', ...appEnv(e), HOST: '127.0.0.1', PORT: String(port) };
  const script = opts.dir ? join(opts.dir, 'dist/src/main.js') : 'dist/src/main.js';
  const proc = startProcess(name, process.execPath, [...(opts.nodeArgs ?? []), '--max-semi-space-size=64', script], env, opts.output ?? 'inherit');
  const deadline = Date.now() + (opts.readyMs ?? 90_000);
  for (;;) {
    if (proc.hasExited()) throw new Error(`${name} exited during startup`);
    if (Date.now() > deadline) {
      proc.child.kill('SIGKILL');
      throw new Error(`${name} not healthy after ${opts.readyMs ?? 90_000} ms`);
    }
    if ((await httpGet(port, '/health')).status === 200) break;
    await sleep(250);
  }
  return { ...proc, port };
}

/**
 * Starts a worker (`node dist/apps/worker/main.js`) and waits (at most `readyMs`) for its
 * "worker started" log line (LOG_LEVEL is therefore info; of the info lines only "worker started"
 * and "job ran" are shown): its scheduler has then planned every job, one that never ran at once.
 */
export async function startWorker(name: string, e: AppEnv, opts: { output?: 'inherit' | 'prefix' | 'ignore'; readyMs?: number } = {}): Promise<Proc> {
  let started = false;
  const output = opts.output ?? 'inherit';
  // Info lines are read for the readiness line; shown are warnings, errors and jobs that did work.
  const onLine = (line: string) => {
    if (line.includes('"msg":"worker started"')) started = true;
    if (output === 'ignore' || (line.includes('"level":30') && !/"msg":"(worker started|job ran)"/.test(line))) return;
    process.stdout.write(output === 'prefix' ? `  [${name}] ${line}\n` : `${line}\n`);
  };
  const proc = startProcess(name, process.execPath, ['dist/apps/worker/main.js'], appEnv({ ...e, extra: { ...e.extra, LOG_LEVEL: 'info' } }), 'ignore', onLine);
  const readyMs = opts.readyMs ?? 90_000;
  const deadline = Date.now() + readyMs;
  while (!started) {
    if (proc.hasExited()) throw new Error(`${name} exited during startup`);
    if (Date.now() > deadline) {
      proc.child.kill('SIGKILL');
      throw new Error(`${name} did not log "worker started" within ${readyMs} ms`);
    }
    await sleep(100);
  }
  return proc;
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopProcess(p: Proc, graceMs = 20_000): Promise<void> {
  if (p.hasExited()) return;
  p.child.kill('SIGTERM');
  await within(p.exited, graceMs, `${p.name} to stop`).catch(() => {
    p.child.kill('SIGKILL');
    return within(p.exited, 5_000, `${p.name} to die`);
  });
}

/** Kills (SIGKILL) every child still running. */
export function killAll(): void {
  for (const c of children) c.kill('SIGKILL');
}

/**
 * Kills every child when this process exits, and gives up (exit 1) after `totalMs` or on SIGINT /
 * SIGTERM, so a hung run never outlives its time. `cleanup` (e.g. dropping a scratch database) runs
 * after the kill on those paths, bounded to 15 s.
 */
export function killChildrenOnExit(label: string, totalMs: number, cleanup?: () => Promise<void>): void {
  process.on('exit', killAll);
  const abort = (why: string) => {
    console.error(`${label}: ${why}`);
    killAll();
    void within(cleanup ? cleanup() : Promise.resolve(), 15_000, `${label} cleanup`)
      .catch((err) => console.error(`${label}: cleanup failed: ${String(err)}`))
      .finally(() => process.exit(1));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => abort(`${signal}, stopping`));
  const overall = setTimeout(() => abort(`gave up after ${totalMs / 1000} s`), totalMs);
  overall.unref();
}

/**
 * Runs a bench's `main` as a script: its child processes are killed on any exit, on SIGINT or
 * SIGTERM and after `totalMs`; the process exits 0 when `main` resolves, 1 (with the error) when
 * it rejects.
 */
export function runBench(label: string, totalMs: number, main: () => Promise<void>): void {
  killChildrenOnExit(label, totalMs);
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      killAll();
      process.exit(1);
    },
  );
}
