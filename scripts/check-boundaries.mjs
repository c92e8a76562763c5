// The module graph's rules, checked by `npm run lint` (docs/development.md, "Which imports are
// allowed"). Reads every TypeScript file's import specifiers (static, re-exports and dynamic);
// `import type` is ignored, since it leaves nothing at run time.
//
// 1. libs/ (pure maths) imports nothing from src/, apps/, test/ or bench/.
// 2. The shared kernel (src/common, src/config, src/database) imports no bounded context, except
//    the few files listed in KERNEL_EXCEPTIONS, each with its reason.
// 3. Bounded contexts (the other folders of src/) import each other without cycles: the graph of
//    contexts has no cycle.
// 4. A context imports another context only through that context's `index.ts` (its public
//    surface), type-only imports included; the kernel exceptions below may reach further.
// Exits 1 and names each offending import when a rule is broken.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const ROOT = process.cwd();
const KERNEL = new Set(['common', 'config', 'database']);
/** Kernel files allowed to import a context, and why. */
const KERNEL_EXCEPTIONS = new Map([
  ['src/database/entities.ts', 'the list of every entity class, handed to TypeORM'],
  ['src/common/request-context.ts', 'the Role and TeamKind enums of organization/entities/team-kind.ts, which every request carries'],
]);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'gql' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.d\.ts$/.test(name)) out.push(path);
  }
  return out;
}

/** Relative and @lib import specifiers of a file, without type-only imports unless `withTypes`. */
export function importsOf(source, withTypes = false) {
  const specs = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(statement)) {
    if (m[2] && !withTypes) continue; // import type / export type
    specs.push(m[4]);
  }
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

const posix = (p) => p.split(sep).join('/');
const problems = [];

const files = ['libs', 'src'].flatMap((d) => walk(join(ROOT, d))).map((f) => posix(relative(ROOT, f)));
const edges = new Map(); // context -> Map(other context -> first import seen)

for (const file of files) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const [top, folder] = file.split('/');
  if (top === 'src' && !folder.includes('.') && !KERNEL_EXCEPTIONS.has(file)) {
    for (const spec of importsOf(text, true)) {
      if (!spec.startsWith('.')) continue;
      const target = posix(normalize(join(dirname(file), spec)));
      const [toTop, toFolder] = target.split('/');
      if (toTop !== 'src' || !toFolder || toFolder.includes('.') || toFolder === folder || KERNEL.has(toFolder)) continue;
      if (target !== `src/${toFolder}/index.js`) problems.push(`${file}: imports ${target}; another context is reached through src/${toFolder}/index.ts only`);
    }
  }
  for (const spec of importsOf(text)) {
    let target;
    if (spec.startsWith('.')) target = posix(normalize(join(dirname(file), spec)));
    else if (spec.startsWith('@lib/')) target = `libs/${spec.slice(5)}`;
    else continue;
    const [fromTop, fromFolder] = file.split('/');
    const [toTop, toFolder] = target.split('/');
    if (fromTop === 'libs' && toTop !== 'libs') problems.push(`${file}: libs/ may not import ${target} (libs/ are pure functions)`);
    if (fromTop !== 'src' || toTop !== 'src' || !toFolder || toFolder.includes('.') || fromFolder.includes('.')) continue;
    if (fromFolder === toFolder) continue;
    if (KERNEL.has(fromFolder) && !KERNEL.has(toFolder) && !KERNEL_EXCEPTIONS.has(file)) {
      problems.push(`${file}: the shared kernel (src/${fromFolder}) may not import the context ${toFolder} (${target})`);
    }
    if (KERNEL.has(fromFolder) || KERNEL.has(toFolder)) continue;
    if (!edges.has(fromFolder)) edges.set(fromFolder, new Map());
    if (!edges.get(fromFolder).has(toFolder)) edges.get(fromFolder).set(toFolder, `${file} -> ${target}`);
  }
}

// Cycles between contexts: Tarjan's strongly connected components.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function visit(v) {
  idx.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const v of [...edges.keys()].sort()) if (!idx.has(v)) visit(v);
for (const component of components) {
  const inside = new Set(component);
  const examples = component.flatMap((a) => [...(edges.get(a) ?? [])].filter(([b]) => inside.has(b)).map(([, e]) => `    ${e}`));
  problems.push(`contexts import each other in a cycle: ${component.join(', ')}\n${examples.join('\n')}`);
}

if (problems.length) {
  process.stderr.write(`module boundaries: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
const contexts = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
process.stdout.write(
  `module boundaries: ${files.length} files, ${contexts.size} contexts, no cycle, contexts reached through index.ts, libs/ and the kernel clean\n`,
);
