/**
 * Growth runs for bench/rankings and bench/metrics: with BENCH_SIZES=2000,20000 the bench runs
 * itself once per size (BENCH_REPS = size, BENCH_SQUADS = size / 10, each in a fresh process and
 * database), collects each run's results and prints a growth table: the time at each size and
 * the ratio of the largest size to the smallest (target: ≤ 10× for 10× the reps).
 *
 * With BENCH_GROWTH=paired as well, the sizes run at the same time instead: one child per size
 * sets up its database and API and serves it, and this process sends each case to the smallest
 * and the largest size in turn (one request in flight, so the idle server does not compete) and
 * prints the paired growth ratio: the median over rounds of large / small within a round
 * (`timeAlternating`, as the ratios to the references). Medians
 * taken minutes apart in two processes move with the machine's load; a pair sees the same load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { graphqlClient } from './http-client.js';
import { timeAlternating, WARMUP } from './generate.js';

export interface GrowthRow {
  case: string;
  subject: number;
  reference: number;
  pairedRatio: number;
}

const MARK = 'BENCH_RESULT ';

/** In a child run: hands one result to the parent (a line on stdout). */
export function reportResult(row: GrowthRow): void {
  if (process.env.BENCH_CHILD) console.log(MARK + JSON.stringify(row));
}

/** True when this process is the parent of a growth run (it then ran the sizes and printed the table). */
export async function runGrowth(name: string): Promise<boolean> {
  const sizes = sizesOf();
  if (sizes.length < 2 || process.env.BENCH_CHILD) return false;
  const results = new Map<number, GrowthRow[]>();
  for (const size of sizes) {
    const rows: GrowthRow[] = [];
    await new Promise<void>((resolve, reject) => {
      const child = spawnSize(size, {}, 'ignore', (line) => {
        if (!line.startsWith(MARK)) return false;
        rows.push(JSON.parse(line.slice(MARK.length)) as GrowthRow);
        return true;
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} at ${size} reps exited with ${code}`))));
    });
    results.set(size, rows);
  }
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  console.log(`\n${name} growth (median ms; paired ratio to the best reference in brackets):`);
  console.log(['case'.padEnd(44), ...sizes.map((s) => `${s} reps`.padStart(20)), `${large}/${small}`.padStart(12)].join(' '));
  for (const row of results.get(small) ?? []) {
    const at = sizes.map((s) => results.get(s)?.find((r) => r.case === row.case));
    const last = at[at.length - 1];
    console.log(
      [
        row.case.padEnd(44),
        ...at.map((r) => (r ? `${r.subject.toFixed(1)} (${r.pairedRatio.toFixed(2)}×)`.padStart(20) : 'n/a'.padStart(20))),
        (last ? `${(last.subject / row.subject).toFixed(2)}×` : 'n/a').padStart(12),
      ].join(' '),
    );
  }
  console.log(`target: ${large}-rep boards ≤ ${(large / small).toFixed(0)}× the ${small}-rep boards`);
  return true;
}

/** One request a paired growth run sends to every size: `lines` counts the answer's lines, which must be `expected(size)`. */
export interface GrowthCase {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  lines(data: Record<string, unknown>): number;
  expected(size: number): number;
}

const SERVING = 'BENCH_SERVING ';

/** In a child of a paired growth run: tells the parent where the API listens, then serves until the parent closes stdin. */
export async function serveForGrowth(url: string, token: string): Promise<void> {
  console.log(SERVING + JSON.stringify({ url, token }));
  await new Promise<void>((resolve) => {
    process.stdin.on('end', resolve).on('close', resolve).resume();
  });
}

/** The squads of a growth run's size: one per ten reps. */
export function squadsFor(size: number): number {
  return Math.max(1, Math.round(size / 10));
}

/**
 * Starts this bench again for `size` reps (BENCH_CHILD, BENCH_REPS = size, BENCH_SQUADS =
 * squadsFor(size), plus `env`) and hands each line of its stdout to `onLine`; a line it does not
 * take (false) is echoed, prefixed with the size.
 */
function spawnSize(size: number, env: Record<string, string>, stdin: 'ignore' | 'pipe', onLine: (line: string) => boolean): ChildProcess {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, BENCH_CHILD: '1', BENCH_REPS: String(size), BENCH_SQUADS: String(squadsFor(size)), ...env },
    stdio: [stdin, 'pipe', 'inherit'],
  });
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (!onLine(line)) console.log(`[${size}] ${line}`);
    }
  });
  return child;
}

function sizesOf(): number[] {
  return (process.env.BENCH_SIZES ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
}

/**
 * True when this process is the parent of a paired growth run (BENCH_SIZES with two sizes and
 * BENCH_GROWTH=paired): it started one serving child per size, timed `cases` against both and
 * printed the table. BENCH_REUSE_DB_<size> reuses a kept database for that size.
 */
export async function runPairedGrowth(name: string, cases: GrowthCase[]): Promise<boolean> {
  const sizes = sizesOf();
  if (process.env.BENCH_GROWTH !== 'paired' || process.env.BENCH_CHILD) return false;
  if (sizes.length !== 2) throw new Error('BENCH_GROWTH=paired needs two BENCH_SIZES (e.g. 2000,20000)');
  const [small, large] = [...sizes].sort((a, b) => a - b) as [number, number];
  const runs = Number(process.env.BENCH_RUNS ?? 21);
  const children: ChildProcess[] = [];
  try {
    // One after the other: generating two data sets at once would only make each slower.
    const servers: { post(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>>; close(): void }[] = [];
    for (const size of [small, large]) {
      const reuse = process.env[`BENCH_REUSE_DB_${size}`] ?? '';
      const at = await new Promise<{ url: string; token: string }>((resolve, reject) => {
        const child = spawnSize(size, { BENCH_SERVE: '1', BENCH_REUSE_DB: reuse }, 'pipe', (line) => {
          if (!line.startsWith(SERVING)) return false;
          resolve(JSON.parse(line.slice(SERVING.length)) as { url: string; token: string });
          return true;
        });
        children.push(child);
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`${name} at ${size} reps exited with ${code} before serving`)));
      });
      const http = graphqlClient(at.url);
      servers.push({ post: (q, v) => http.post(q, v, at.token), close: () => http.close() });
    }
    const [a, b] = servers as [(typeof servers)[number], (typeof servers)[number]];
    console.log(
      `\n${name} paired growth, ${small} vs ${large} reps (${runs} rounds after ${WARMUP} untimed; each large request paired with the small one after it):`,
    );
    console.log(['case'.padEnd(36), `${small} reps`.padStart(12), `${large} reps`.padStart(12), 'medians'.padStart(9), 'paired'.padStart(9)].join(' '));
    for (const c of cases) {
      for (const [server, size] of [
        [a, small],
        [b, large],
      ] as const) {
        const n = c.lines(await server.post(c.query, c.variables));
        if (n !== c.expected(size)) throw new Error(`${c.name} at ${size} reps: ${n} lines, expected ${c.expected(size)}`);
      }
      // Each large request is paired with the small one right after it (timeAlternating).
      const t = await timeAlternating(
        runs,
        () => b.post(c.query, c.variables),
        () => a.post(c.query, c.variables),
      );
      console.log(
        [
          c.name.padEnd(36),
          `${t.second.toFixed(1)} ms`.padStart(12),
          `${t.first.toFixed(1)} ms`.padStart(12),
          `${(t.first / t.second).toFixed(2)}×`.padStart(9),
          `${t.pairedRatio.toFixed(2)}×`.padStart(9),
        ].join(' '),
      );
    }
    console.log(`target: ${large}-rep answers ≤ ${(large / small).toFixed(0)}× the ${small}-rep ones (the paired column)`);
    for (const s of servers) s.close();
  } finally {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.on('exit', () => resolve());
            child.stdin?.end();
          }),
      ),
    );
  }
  return true;
}
