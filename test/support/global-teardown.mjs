// Jest globalTeardown: removes the run's scratch folder made by global-setup.mjs (not one the caller passed).
import { rmSync } from 'node:fs';

export default function globalTeardown() {
  if (process.env.SQUADOPS_TEST_RUN_DIR && process.env.SQUADOPS_TEST_RUN_DIR_OWNED) rmSync(process.env.SQUADOPS_TEST_RUN_DIR, { recursive: true, force: true });
}
