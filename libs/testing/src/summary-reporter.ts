import type { Reporter, TestModule } from 'vitest/node';

declare module 'vitest' {
  interface TaskMeta {
    /**
     * A tier's own one-line result (`fuzz requests=…`), printed after the `tests:` line so it is
     * the run's last line. A test sets it on `task.meta` before its assertions, so it is printed
     * whether the test passes or fails.
     */
    summaryLine?: string;
  }
}

/**
 * Ends the run with one plain line CI can read: `tests: N passed, N failed, N skipped`, then the
 * summary lines tests attached to their meta.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const lines: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
        const line = test.meta().summaryLine;
        if (line) lines.push(line);
      }
      // A file that failed to load has no tests but is a failure all the same.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    failed += unhandledErrors.length;
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    for (const line of lines) process.stdout.write(`${line}\n`);
  }
}
