// Fails when apps/web/src/gql (committed) is not what `npm run web:codegen` generates from
// schema.gql and the operations in apps/web/src. Used by .ci/run, like `schema:check`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = 'apps/web/src/gql';
const backup = mkdtempSync(join(tmpdir(), 'web-gql-'));
cpSync(dir, backup, { recursive: true });
let stale = [];
try {
  execFileSync('node_modules/.bin/graphql-codegen', ['--config', 'apps/web/codegen.ts', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const names = new Set([...readdirSync(dir), ...readdirSync(backup)]);
  for (const name of names) {
    let a = null;
    let b = null;
    try {
      a = readFileSync(join(backup, name), 'utf8');
    } catch {
      /* new file */
    }
    try {
      b = readFileSync(join(dir, name), 'utf8');
    } catch {
      /* removed file */
    }
    if (a !== b) stale.push(name);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  cpSync(backup, dir, { recursive: true });
  rmSync(backup, { recursive: true, force: true });
}
if (stale.length > 0) {
  process.stderr.write(`apps/web/src/gql is stale (${stale.join(', ')}): run \`npm run web:codegen\` and commit the result.\n`);
  process.exit(1);
}
process.stdout.write('apps/web/src/gql is up to date with schema.gql and the operations.\n');
