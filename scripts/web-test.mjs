// The web console's browser tests (test/web/*.web-spec.ts): Playwright driving Debian's Chromium
// against the built app (`node dist/src/main.js` on an empty DATA_DIR). Without a Chromium they
// are skipped with one line, except under CI=true where a missing browser is a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browser = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(browser)) {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const line = `browser tests skipped: no Chromium at ${browser} (install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH)`;
  if (ci) {
    process.stderr.write(`${line} -- CI=true needs it: failing.\n`);
    process.exit(1);
  }
  process.stdout.write(`${line}\n`);
  process.exit(0);
}

// The journeys run the server on its embedded database whatever the suite's database: a second
// run of `npm test` with TEST_DATABASE_URL (as .ci/run does) would only repeat them.
if (process.env.TEST_DATABASE_URL && !process.env.WEB_TESTS_ALWAYS) {
  process.stdout.write(
    'browser tests skipped under TEST_DATABASE_URL: they use the embedded database and ran with the embedded suite (WEB_TESTS_ALWAYS=1 runs them)\n',
  );
  process.exit(0);
}

// The journeys run the built server and console: build them when older than the sources.
execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' });
const args = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--selectProjects', 'web', '--runInBand', ...process.argv.slice(2)];
const res = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: browser } });
process.exit(res.status ?? 1);
