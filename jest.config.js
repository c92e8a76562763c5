// Jest runs in native ESM mode (NestJS 12 ships as ESM): see package.json "test:*" scripts.
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@lib/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  testEnvironment: 'node',
};

// A migrated PGlite data directory built once per run and loaded by every test file (test/support/harness.ts).
// Each file waits out the test organizations' midnight if it starts just before it (test/support/day-boundary.ts).
const database = {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  setupFilesAfterEnv: ['<rootDir>/test/support/day-boundary.ts'],
};

export default {
  // Hooks that boot the app and build an organization take a few seconds on 2 cores.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      // Services and repositories on a real database, without HTTP: the Nest application context.
      ...common,
      ...database,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
    },
    {
      ...common,
      ...database,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
    {
      // Browser journeys of the web console (Playwright + Chromium): run by `npm run test:web`.
      ...common,
      displayName: 'web',
      testMatch: ['<rootDir>/test/web/**/*.web-spec.ts'],
    },
  ],
};
