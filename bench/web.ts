/**
 * Budget of the web console's initial JavaScript (issue 16): what a rep's browser downloads to
 * show sign-in and then Today must stay ≤ 300 kB gzipped. Reads the Vite manifest of the built
 * console (dist/web/.vite/manifest.json): the entry chunk and its static imports, plus each
 * route's lazy chunk (React.lazy) with its static imports; every file counted once, gzipped at
 * level 9 as a server would serve it. CSS is reported beside it (not part of the JS budget).
 *
 * Then every screen of the console (each lazy route chunk under apps/web/src/routes/, with the lazy
 * chunks it is nested in, e.g. numbers/Metrics inside numbers/Numbers): its own JavaScript beyond
 * the shell (the entry chunk and its static imports), gzipped, against the 150 kB budget per route.
 *
 *   npm run bench:web      (builds first; exits 1 when over either budget)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const BUDGET_KB = 300;
const dir = join(process.cwd(), 'dist', 'web');
const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;

function closure(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return seen;
}

const gz = (file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry) throw new Error('no entry chunk in the manifest');
/** The lazy chunk of a screen folder under apps/web/src/routes/. */
const route = (name: string) => {
  const key = Object.keys(manifest).find((k) => k.startsWith(`src/routes/${name}/`) && manifest[k].isDynamicEntry);
  if (!key) throw new Error(`no lazy chunk for route ${name}`);
  return key;
};

const rows: [string, string[]][] = [
  ['sign-in', [entry, route('signin')]],
  ['sign-in + Today', [entry, route('signin'), route('home'), route('today')]],
];
let failed = false;
for (const [label, keys] of rows) {
  const files = [...closure(keys)].map((k) => manifest[k].file);
  const js = files.reduce((sum, f) => sum + gz(f), 0);
  const css = [...closure(keys)].flatMap((k) => manifest[k].css ?? []).reduce((sum, f) => sum + gz(f), 0);
  const over = label === 'sign-in + Today' && js > BUDGET_KB * 1024;
  failed ||= over;
  process.stdout.write(
    `${label.padEnd(16)} JS ${kb(js).padStart(9)} gzipped in ${files.length} files; CSS ${kb(css)}${over ? `  OVER the ${BUDGET_KB} kB budget` : ''}\n`,
  );
}
// Every route: its lazy chunk, the lazy chunks it is nested in, and their static imports, minus the shell.
const ROUTE_BUDGET_KB = 150;
const shell = closure([entry]);
const parents = new Map<string, string>();
for (const [key, chunk] of Object.entries(manifest)) for (const child of chunk.dynamicImports ?? []) if (key !== entry) parents.set(child, key);
const routes = Object.keys(manifest)
  .filter((k) => manifest[k].isDynamicEntry && k.startsWith('src/routes/'))
  .sort();
process.stdout.write(`\nroute (own JS beyond the shell, gzipped; budget ${ROUTE_BUDGET_KB} kB each)\n`);
let largest = 0;
for (const key of routes) {
  const chain = [key];
  for (let p = parents.get(key); p; p = parents.get(p)) chain.unshift(p);
  const own = [...closure(chain)].filter((k) => !shell.has(k));
  const js = own.reduce((sum, k) => sum + gz(manifest[k].file), 0);
  const over = js > ROUTE_BUDGET_KB * 1024;
  failed ||= over;
  largest = Math.max(largest, js);
  const label = key.replace(/^src\/routes\//, '').replace(/\.tsx?$/, '');
  process.stdout.write(
    `  ${label.padEnd(30)} ${kb(js).padStart(9)} in ${String(own.length).padStart(2)} files${over ? `  OVER the ${ROUTE_BUDGET_KB} kB budget` : ''}\n`,
  );
}
process.stdout.write(`${routes.length} routes; the largest ${kb(largest)}; budget ${ROUTE_BUDGET_KB} kB per route beyond the shell\n`);
const all = Object.values(manifest).filter((c) => c.file.endsWith('.js'));
process.stdout.write(
  `reference: all ${all.length} JS chunks ${kb(all.reduce((s, c) => s + gz(c.file), 0))} gzipped; budget for sign-in + Today: ${BUDGET_KB} kB\n`,
);
process.exit(failed ? 1 : 0);
