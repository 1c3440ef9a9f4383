import { defineConfig } from 'vitest/config';

// Three tiers by file name. Workspace packages resolve to their TypeScript sources ("source"
// condition), so tests need no build; int and e2e share servers started once by the global setup.
const shared = {
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
};
const exclude = ['**/node_modules/**', '**/dist/**', '.highland/**'];

export default defineConfig({
  ...shared,
  test: {
    reporters: ['default', './libs/testing/src/summary-reporter.ts'],
    projects: [
      {
        ...shared,
        test: { name: 'unit', include: ['{libs,services}/*/{src,test}/**/*.unit.spec.ts'], exclude },
      },
      {
        ...shared,
        test: {
          name: 'int',
          include: ['{libs,services}/*/{src,test}/**/*.int.spec.ts', 'test/**/*.int.spec.ts'],
          exclude,
          globalSetup: ['./libs/testing/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['{libs,services}/*/{src,test}/**/*.e2e.spec.ts', 'test/**/*.e2e.spec.ts'],
          exclude,
          globalSetup: ['./libs/testing/src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // e2e files start whole processes; two cores run them best one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
