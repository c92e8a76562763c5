/**
 * Server CPU per request of a child process, read from /proc/<pid>/stat (utime + stime, in clock
 * ticks of 1/CLK_TCK s), shared by bench/agenda, bench/overhead and bench/memory. The client runs in
 * the bench's own process, so only the server's work is counted.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let tick: number | null = null;
/** Seconds per clock tick (getconf CLK_TCK; 100 on Linux). */
function tickSeconds(): number {
  if (tick === null) {
    let hz = 100;
    try {
      hz = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      /* keep 100 */
    }
    tick = 1 / hz;
  }
  return tick;
}

/** CPU time (user + system) of `pid` so far, in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime is field 14 and stime field 15.
  return (Number(rest[11]) + Number(rest[12])) * tickSeconds() * 1e6;
}

/** Resident set size of `pid` in MiB (VmRSS of /proc/<pid>/status). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

/** Runs `fn` `n` times with at most `inFlight` calls at once (the same for every side of a comparison). */
export async function runMany(n: number, inFlight: number, fn: () => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, n) }, worker));
}

/**
 * Server CPU per call of each side, measured in alternating blocks: each round runs every side's
 * block once (a block lasts about `blockMs` of wall time, sized on a calibration block), reading the
 * server's CPU before and after. A side's `pid` is the server it calls (default `pid`), so sides
 * may be different servers (e.g. two builds); with one request in flight only one of them works at
 * a time. `warmupBlocks` untimed blocks per side run first (default 0), e.g. for a server that has
 * not yet answered much. Returns per-side medians (µs per call) and per-round figures (`pairedRatio`
 * pairs any two sides: median over rounds of one / the other in the same round).
 */
export async function alternate(
  pid: number,
  sides: { name: string; call: () => Promise<unknown>; pid?: number }[],
  opts: { rounds: number; blockMs: number; inFlight?: number; warmupBlocks?: number },
): Promise<{ name: string; perCall: number; perRound: number[] }[]> {
  const inFlight = opts.inFlight ?? 1;
  const sizes: number[] = [];
  for (const s of sides) {
    const t0 = performance.now();
    await runMany(10, inFlight, s.call);
    const each = (performance.now() - t0) / 10;
    sizes.push(Math.max(5, Math.round(opts.blockMs / Math.max(each, 0.05))));
  }
  for (let w = 0; w < (opts.warmupBlocks ?? 0); w++) for (const [i, s] of sides.entries()) await runMany(sizes[i]!, inFlight, s.call);
  const perRound: number[][] = sides.map(() => []);
  for (let r = 0; r < opts.rounds; r++) {
    // Alternate the order each round, so neither side always runs right after the other's garbage.
    const order = r % 2 ? [...sides.keys()].reverse() : [...sides.keys()];
    for (const i of order) {
      const server = sides[i]!.pid ?? pid;
      const before = cpuMicros(server);
      await runMany(sizes[i]!, inFlight, sides[i]!.call);
      perRound[i]!.push((cpuMicros(server) - before) / sizes[i]!);
    }
  }
  return sides.map((s, i) => ({
    name: s.name,
    perCall: median(perRound[i]!),
    perRound: perRound[i]!,
  }));
}

/** Median over rounds of `a[r] / b[r]` (two sides' per-round figures from one `alternate`). */
export const pairedRatio = (a: number[], b: number[]): number => median(a.map((x, r) => x / b[r]!));
