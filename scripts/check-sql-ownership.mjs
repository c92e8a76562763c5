// Each bounded context owns the tables of the entities in its folder (docs/development.md,
// "Where SQL goes"). Raw SQL in a context may name only its own tables; another context's data
// is reached through the owner's exported repository, service or SQL fragment (`<context>.sql.ts`,
// exported from its index.ts), never by naming the owner's table. There are no exceptions: when
// the owner depends on the reader (so the reader cannot import its fragments without a cycle),
// the read model moves to a context that depends on both (`reports`), or the owner registers what
// it owns through a hook of the reader (`RollupService.recomputeFrom`, `MetricCatalog.register`).
// Also: services hold no SQL of their own, since every statement of a context is a named method
// of its `*.repository.ts`.
//
// `node scripts/check-sql-ownership.mjs [context...]` checks the given contexts (default: every
// context) and exits 1 naming each offending line. `npm run lint` runs it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = process.cwd();
/** Folders whose SQL may name any table: the demo seeds every context, the kernel runs migrations and checks. */
const EXEMPT = new Set(['demo', 'database', 'common', 'config']);

const posix = (p) => p.split(sep).join('/');
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(posix(relative(ROOT, path)));
  }
  return out;
}

const files = walk(join(ROOT, 'src'));
/** table -> owning context */
const owner = new Map();
for (const file of files) {
  const ctx = file.split('/')[1];
  const text = readFileSync(join(ROOT, file), 'utf8');
  for (const m of text.matchAll(/@Entity\(\s*'([a-z_0-9]+)'/g)) owner.set(m[1], ctx);
}

/** Table names a piece of SQL reads or writes. */
function tablesIn(sql) {
  const out = new Set();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE|USING)\s+(?:ONLY\s+)?"?([a-z_][a-z_0-9]*)"?/gi)) out.add(m[1].toLowerCase());
  return out;
}

const problems = [];
const contexts = new Set(
  files
    .map((f) => f.split('/'))
    .filter((p) => p.length > 2)
    .map((p) => p[1]),
);
const wanted = process.argv.slice(2).length ? new Set(process.argv.slice(2)) : contexts;
for (const file of files) {
  const [, ctx, ...rest] = file.split('/');
  if (!rest.length || EXEMPT.has(ctx) || !wanted.has(ctx)) continue;
  const text = readFileSync(join(ROOT, file), 'utf8');
  const isRepository = /\.(repository|sql)\.ts$/.test(file);
  // String and template literals, with their line numbers.
  for (const m of text.matchAll(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'/g)) {
    const literal = m[0];
    const line = text.slice(0, m.index).split('\n').length;
    if (!/\b(SELECT|INSERT|UPDATE|DELETE)\b/.test(literal)) continue;
    if (!isRepository && /\b(SELECT\s.+\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/is.test(literal)) {
      problems.push(`${file}:${line}: SQL outside a repository (move it to a named method of a *.repository.ts)`);
      continue;
    }
    for (const table of tablesIn(literal)) {
      const o = owner.get(table);
      if (o && o !== ctx)
        problems.push(
          `${file}:${line}: names ${table}, a table of ${o}; use ${o}'s exported repository, service or SQL fragment` +
            ` (when ${o} depends on ${ctx}: read it from a context that depends on both, such as reports, or let ${o} register it through a hook)`,
        );
    }
  }
}
if (problems.length) {
  process.stderr.write(`sql ownership: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `sql ownership: ${owner.size} tables, ${[...wanted].filter((c) => !EXEMPT.has(c)).length} contexts, SQL only in repositories, no foreign table named\n`,
);
