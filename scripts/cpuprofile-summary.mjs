#!/usr/bin/env node
/**
 * Sums a V8 .cpuprofile (node --cpu-prof) per function: self and inclusive time, top N by each.
 * Usage: node scripts/cpuprofile-summary.mjs <file.cpuprofile> [top=40] [filter] [--window <from µs> <to µs>] [--requests <n>]
 * Inclusive time counts a function once per sample even when it recurses.
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, n) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  return args.splice(i, n + 1).slice(1);
};
// --window <from µs> <to µs>: only samples in that span (CLOCK_MONOTONIC µs, as bench/agenda prints);
// --requests <n>: also print per-request ms.
const windowArg = opt('--window', 2)?.map(Number) ?? null;
const requests = Number(opt('--requests', 1)?.[0] ?? 0);
const [file, topArg, filter] = args;
if (!file) {
  console.error('usage: node scripts/cpuprofile-summary.mjs <file.cpuprofile> [top] [url filter]');
  process.exit(2);
}
const top = Number(topArg ?? 40);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => {
  const f = n.callFrame;
  const url = f.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
  return `${f.functionName || '(anonymous)'} ${url}${url ? `:${f.lineNumber + 1}` : ''}`;
};
const self = new Map();
const incl = new Map();
let total = 0;
const { samples, timeDeltas } = prof;
let ts = prof.startTime;
for (let i = 0; i < samples.length; i++) {
  ts += timeDeltas[i] ?? 0;
  if (windowArg && (ts < windowArg[0] || ts > windowArg[1])) continue;
  const dt = (timeDeltas[i + 1] ?? timeDeltas[i] ?? 0) / 1000; // ms until the next sample
  total += dt;
  let id = samples[i];
  const leaf = nodes.get(id);
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  const seen = new Set();
  while (id !== undefined) {
    const l = label(nodes.get(id));
    if (!seen.has(l)) {
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + dt);
    }
    id = parent.get(id);
  }
}
const busy = total - (self.get('(idle) ') ?? 0);
const show = (title, m) => {
  const per = requests ? `; ${(busy / requests).toFixed(2)} ms busy per request over ${requests}` : '';
  console.log(`\n${title} (ms, % of busy ${busy.toFixed(0)} ms; total ${total.toFixed(0)} ms${per})`);
  [...m]
    .filter(([l]) => !filter || l.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([l, t]) => console.log(`${t.toFixed(1).padStart(9)} ${((100 * t) / busy).toFixed(1).padStart(5)}%  ${l}`));
};
show('self', self);
show('inclusive', incl);
