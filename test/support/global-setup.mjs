// Jest globalSetup of the e2e and medium projects (jest.config.js): a scratch folder for this
// test run, where test/support/harness.ts keeps the migrated PGlite data directory it builds once
// and every test file then starts its own in-memory database from. The environment variable
// reaches the test files (in band and in workers); global-teardown.mjs removes the folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup() {
  // SQUADOPS_TEST_MIGRATE_EACH=1: every app migrates its own database (the old way; for comparing times).
  if (process.env.SQUADOPS_TEST_MIGRATE_EACH) return;
  // Set by an earlier project of the same run (both projects share the folder) or by the caller.
  if (process.env.SQUADOPS_TEST_RUN_DIR) return;
  process.env.SQUADOPS_TEST_RUN_DIR = mkdtempSync(join(tmpdir(), 'squadops-test-'));
  process.env.SQUADOPS_TEST_RUN_DIR_OWNED = '1';
}
