// The web console's browser tests (test/web/*.web-spec.ts): Playwright driving Debian's Chromium
// against the built app (`node dist/src/main.js` on a copy of a demo DATA_DIR seeded once per run). Without a Chromium they
// are skipped with one line, except under CI=true where a missing browser is a failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The demo users' password in the journeys (test/web/support/browser.ts, DEMO_PASSWORD). */
const WEB_DEMO_PASSWORD = 'web-journey-password';

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

// Every journey starts its own server on its own copy of one data directory seeded with the demo
// here, once per run: seeding the demo is most of a server's first boot, and the journeys change
// data, so each gets a fresh copy (test/web/support/browser.ts). WEB_TEMPLATE_DATA_DIR=<dir> uses
// a directory seeded earlier; WEB_TEMPLATE_DATA_DIR=none seeds in every journey (the old way).
let template = process.env.WEB_TEMPLATE_DATA_DIR;
let ownTemplate = false;
if (!template) {
  template = mkdtempSync(join(tmpdir(), 'web-journey-template-'));
  ownTemplate = true;
  const started = Date.now();
  await seedTemplate(template);
  process.stdout.write(`browser tests: demo data directory seeded once in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
const args = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--selectProjects', 'web', '--runInBand', ...process.argv.slice(2)];
const res = spawnSync(process.execPath, args, {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: browser, WEB_TEMPLATE_DATA_DIR: template },
});
if (ownTemplate) rmSync(template, { recursive: true, force: true });
process.exit(res.status ?? 1);

/** Boots the built server on `dir` with the demo seed (as a journey's server would), then stops it cleanly. */
async function seedTemplate(dir) {
  const port = await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  let log = '';
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_PASSWORD: WEB_DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => (log += String(d)));
  server.stderr.on('data', (d) => (log += String(d)));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const deadline = Date.now() + Number(process.env.WEB_BOOT_TIMEOUT_MS ?? 300_000);
  for (;;) {
    if (server.exitCode !== null) fail(`the server seeding the journeys' demo data exited early:\n${log}`);
    try {
      if ((await globalThis.fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      fail(`the server seeding the journeys' demo data did not become healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  server.kill('SIGTERM');
  const code = await exited;
  if (code !== 0 && code !== null) fail(`the server seeding the journeys' demo data stopped with exit code ${code}:\n${log}`);
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
