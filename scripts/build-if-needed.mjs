// Builds dist/ when it is missing or older than any source file, so `npm start` works on a fresh clone.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const marker = 'dist/src/main.js';
const roots = ['src', 'apps', 'libs', 'migrations', 'bench', 'test/topology', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const source = Math.max(...roots.filter((r) => existsSync(r)).map(newest));
if (built === 0 || source > built) {
  process.stderr.write('Building (dist/ is missing or older than the sources)...\n');
  execSync('npm run build', { stdio: 'inherit' });
}
