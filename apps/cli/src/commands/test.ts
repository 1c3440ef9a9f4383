import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@highland/infra';
import { Command } from 'commander';
import { ensureChromium } from '../browser.js';
import { log } from '../output.js';

function runNode(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolveP, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot(), stdio: 'inherit', env });
    child.on('error', reject);
    child.on('close', (code, signal) => resolveP(code ?? (signal ? 1 : 0)));
  });
}

/**
 * The checks before the tests, root tasks of turbo.json (scripts of the root package.json). Turbo
 * skips a check whose declared inputs are unchanged since it last passed (cache in .turbo/).
 */
const TYPECHECK = ['typecheck'];
const LINT = ['lint:eslint', 'lint:deps', 'lint:api'];

export function testCommand(): Command {
  return new Command('test')
    .description(
      'typecheck, lint and run the whole test suite (unit, int, fuzz, e2e, chaos), starting the servers it needs',
    )
    .option('--project <tier...>', 'only these tiers (vitest projects): unit, int, fuzz, e2e, chaos')
    .option('--no-lint', 'skip lint')
    .argument('[filters...]', 'test file name filters, passed to vitest')
    .allowUnknownOption(false)
    .action(async (filters: string[], opts: { project?: string[]; lint: boolean }) => {
      const root = repoRoot();
      const checks = opts.lint ? [...TYPECHECK, ...LINT] : TYPECHECK;
      log(`${checks.join(', ')} (turbo; a check whose inputs are unchanged since it passed is skipped) …`);
      const checked = await runNode(
        join(root, 'node_modules/turbo/bin/turbo'),
        // --continue: every check runs, so one run shows every problem.
        ['run', ...checks, '--continue', '--output-logs=new-only'],
        // Local cache only: no telemetry, no remote cache (turbo.json), no update check.
        { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
      );
      if (checked !== 0) {
        log('typecheck or lint failed (see above)');
        process.exitCode = checked;
        return;
      }
      if (!opts.project || opts.project.includes('e2e')) ensureChromium();
      const projects = (opts.project ?? []).flatMap((p) => ['--project', p]);
      log('tests (vitest) …');
      process.exitCode = await runNode(join(root, 'node_modules/vitest/vitest.mjs'), [
        'run',
        ...projects,
        ...filters,
      ]);
    });
}
