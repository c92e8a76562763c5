// Builds dist/ (API and web console) when it is missing or older than any source file, so
// `npm start` works on a fresh clone and serves the current console.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const markers = ['dist/src/main.js', 'dist/web/index.html'];
const roots = ['src', 'apps', 'libs', 'migrations', 'bench', 'test/topology', 'schema.gql', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const built = Math.min(...markers.map((m) => (existsSync(m) ? statSync(m).mtimeMs : 0)));
const source = Math.max(...roots.filter((r) => existsSync(r)).map(newest));
if (built === 0 || source > built) {
  process.stderr.write('Building (dist/ is missing or older than the sources)...\n');
  execSync('npm run build', { stdio: 'inherit' });
}
