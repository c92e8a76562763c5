/**
 * Fair references for bench/rankings and bench/metrics (issue 21): the hand-written statement runs
 * at its best. Its connection gets the same session settings as the API's pool connections
 * (copied from a pooled connection: statement and idle timeouts, application name), and it runs
 * twice per round, once with PostgreSQL's JIT as configured and once with `SET jit = off`; the
 * target's ratio is taken against the faster of the two. Both sides run one statement at a time
 * on one connection (metricValues and the leaderboard are one statement each).
 */
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { median, ms, WARMUP } from './generate.js';

export interface ReferenceClients {
  jit: pg.Client;
  noJit: pg.Client;
  /** The session settings both reference connections copied from the API's pool. */
  settings: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The session settings the API's pool connections set for themselves (statement and idle
 * timeouts, application name), read from a pooled connection; JIT is left out: the references run
 * with it on and off.
 */
export async function apiSessionSettings(app: { get(token: unknown): unknown }): Promise<Record<string, string>> {
  const { DataSource: DataSourceClass } = await import('typeorm');
  const ds = app.get(DataSourceClass) as DataSource;
  const rows: { name: string; setting: string }[] = await ds.query(
    `SELECT name, setting FROM pg_settings WHERE source IN ('session', 'client') AND name NOT IN ('jit', 'client_encoding') ORDER BY name`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}

/** A reference connection to `like`'s database with `settings`, JIT as configured or off. */
export async function openReferenceClient(like: pg.ClientConfig, settings: Record<string, string>, jit: boolean): Promise<pg.Client> {
  const c = new pg.Client(like);
  await c.connect();
  for (const [name, setting] of Object.entries(settings)) await c.query('SELECT set_config($1, $2, false)', [name, setting]);
  if (!jit) await c.query('SET jit = off');
  return c;
}

/** Two connections to the bench database with the API's session settings, one with JIT off. */
export async function referenceClients(app: { get(token: unknown): unknown }, like: pg.Client): Promise<ReferenceClients> {
  const settings = await apiSessionSettings(app);
  const config = { host: like.host, port: like.port, user: like.user, database: like.database, password: like.password as string | undefined };
  const jit = await openReferenceClient(config, settings, true);
  const noJit = await openReferenceClient(config, settings, false);
  return { jit, noJit, settings, close: async () => void (await Promise.all([jit.end(), noJit.end()])) };
}

export interface FairTiming {
  /** Median ms of the measured side (the API). */
  subject: number;
  /** Median ms of the reference with JIT as configured, and with JIT off. */
  jit: number;
  noJit: number;
  /** Which reference was faster (lower median): the one the ratios below use. */
  best: 'jit' | 'noJit';
  bestMs: number;
  /** Median over rounds of subject / best reference in the same round; and the ratio of the medians. */
  pairedRatio: number;
  medianRatio: number;
}

/**
 * Interleaves the subject and both references, `WARMUP` untimed rounds then `runs` timed rounds
 * (the order of the references alternates between rounds, so neither always runs on a cache the
 * other warmed).
 */
export async function timeAgainstBestReference(
  runs: number,
  subject: () => Promise<unknown>,
  reference: (client: pg.Client) => Promise<unknown>,
  clients: ReferenceClients,
): Promise<FairTiming> {
  for (let i = 0; i < WARMUP; i++) {
    await subject();
    await reference(clients.jit);
    await reference(clients.noJit);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const s: number[] = [];
  const j: number[] = [];
  const n: number[] = [];
  const time = async (xs: number[], f: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    await f();
    xs.push(ms(t0));
  };
  for (let i = 0; i < runs; i++) {
    await time(s, subject);
    if (i % 2 === 0) {
      await time(j, () => reference(clients.jit));
      await time(n, () => reference(clients.noJit));
    } else {
      await time(n, () => reference(clients.noJit));
      await time(j, () => reference(clients.jit));
    }
  }
  const jit = median(j);
  const noJit = median(n);
  const best = noJit <= jit ? 'noJit' : 'jit';
  const ref = best === 'jit' ? j : n;
  const bestMs = median(ref);
  return { subject: median(s), jit, noJit, best, bestMs, pairedRatio: median(s.map((x, i) => x / ref[i])), medianRatio: median(s) / bestMs };
}

/** "reference 54.6 ms (JIT on 80.1 ms, off 54.6 ms)". */
export function describeReference(t: FairTiming): string {
  return `best reference ${t.bestMs.toFixed(1)} ms (JIT on ${t.jit.toFixed(1)} ms, JIT off ${t.noJit.toFixed(1)} ms)`;
}
