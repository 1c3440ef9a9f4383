import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Five tiers by file name (unit, int, fuzz, e2e, chaos). Workspace packages resolve to their TypeScript sources ("source"
// condition), so tests need no build. SWC compiles tests like tsc does (legacy decorators with
// metadata), which NestJS and its OpenAPI scanner rely on. int, fuzz and e2e share servers
// started once by the global setup.
const exclude = ['**/node_modules/**', '**/dist/**', '.highland/**'];

export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2023',
        keepClassNames: true,
      },
      module: { type: 'es6' },
    }),
  ],
  // SWC replaces Vite's own TypeScript transform (which drops decorator metadata).
  oxc: false,
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    reporters: ['default', './libs/testing/src/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{apps,libs,services}/*/{src,test}/**/*.unit.spec.ts'],
          exclude,
          // Property tests compare against full scans; on two busy cores running files in parallel
          // one took over vitest's default 5 s in CI while taking 1.7 s alone.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['{apps,libs,services}/*/{src,test}/**/*.int.spec.ts', 'test/**/*.int.spec.ts'],
          exclude,
          globalSetup: ['./libs/testing/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Property-based fuzzing of every service's API from its OpenAPI document (test/fuzz).
          name: 'fuzz',
          include: ['test/**/*.fuzz.spec.ts', '{apps,libs,services}/*/{src,test}/**/*.fuzz.spec.ts'],
          exclude,
          globalSetup: ['./libs/testing/src/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['{apps,libs,services}/*/{src,test}/**/*.e2e.spec.ts', 'test/**/*.e2e.spec.ts'],
          exclude,
          globalSetup: ['./libs/testing/src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // e2e files start whole processes; two cores run them best one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.chaos.spec.ts'],
          exclude,
          // NATS and the store as two processes, each restartable alone, under the harness's setup.
          globalSetup: ['./test/chaos/chaos-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // After every other tier, alone: it kills processes and restarts servers on two cores.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
