// Jest globalTeardown: removes the run's scratch folder made by global-setup.mjs (not one the
// caller passed) and, on a test server, the run's demo database (test/support/harness.ts,
// startDemoTestApp: `squadops_demo_<migrations>_<run tag>`).
import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const runDir = process.env.SQUADOPS_TEST_RUN_DIR;
  if (!runDir || !process.env.SQUADOPS_TEST_RUN_DIR_OWNED) return;
  if (process.env.TEST_DATABASE_URL) {
    const runTag = runDir
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(-12)
      .toLowerCase();
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'squadops\\_demo\\_%' AND right(datname, $1) = $2", [
        runTag.length,
        runTag,
      ]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  rmSync(runDir, { recursive: true, force: true });
}
