/**
 * Growth runs for bench/rankings and bench/metrics: with BENCH_SIZES=2000,20000 the bench runs
 * itself once per size (BENCH_REPS = size, BENCH_SQUADS = size / 10, each in a fresh process and
 * database), collects each run's results and prints a growth table: the time at each size and
 * the ratio of the largest size to the smallest (target: ≤ 10× for 10× the reps).
 */
import { spawn } from 'node:child_process';

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
  const sizes = (process.env.BENCH_SIZES ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
  if (sizes.length < 2 || process.env.BENCH_CHILD) return false;
  const results = new Map<number, GrowthRow[]>();
  for (const size of sizes) {
    const rows: GrowthRow[] = [];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
        env: { ...process.env, BENCH_CHILD: '1', BENCH_REPS: String(size), BENCH_SQUADS: String(Math.max(1, Math.round(size / 10))) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.startsWith(MARK)) rows.push(JSON.parse(line.slice(MARK.length)) as GrowthRow);
          else console.log(`[${size}] ${line}`);
        }
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
