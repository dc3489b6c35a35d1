import { defineConfig } from 'vitest/config';

/**
 * Test projects (see tests/run.ts for the order `npm test` runs them in).
 * Deliberately independent of vite.config.ts: the React Router plugin must not load under Vitest.
 */
export default defineConfig({
  test: {
    environment: 'node',
    exclude: ['**/node_modules/**', '**/build/**', '**/.react-router/**', 'tests/.tmp/**'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'adapters/**/*.unit.test.ts', 'app/**/*.test.ts', 'server/**/*.test.ts'],
          pool: 'forks',
          maxWorkers: '100%',
          fileParallelism: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'adapters/**/*.int.test.ts'],
          globalSetup: ['tests/harness/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/harness/e2e-global-setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
