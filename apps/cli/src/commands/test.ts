import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@highland/infra';
import { Command } from 'commander';
import { ensureChromium } from '../browser.js';
import { log } from '../output.js';

function runNode(script: string, args: string[]): Promise<number> {
  return new Promise((resolveP, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot(), stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => resolveP(code ?? (signal ? 1 : 0)));
  });
}

export function testCommand(): Command {
  return new Command('test')
    .description(
      'typecheck, lint and run the whole test suite (unit, int, e2e), starting the servers it needs',
    )
    .option('--project <tier...>', 'only these tiers: unit, int, e2e')
    .option('--no-lint', 'skip lint')
    .argument('[filters...]', 'test file name filters, passed to vitest')
    .allowUnknownOption(false)
    .action(async (filters: string[], opts: { project?: string[]; lint: boolean }) => {
      const root = repoRoot();
      log('typecheck (sources and tests) …');
      const typecheck = await runNode(join(root, 'node_modules/typescript/bin/tsc'), [
        '-p',
        'tsconfig.check.json',
      ]);
      if (typecheck !== 0) {
        log('typecheck failed');
        process.exitCode = typecheck;
        return;
      }
      if (opts.lint) {
        log('lint (eslint, type-aware) …');
        const lint = await runNode(join(root, 'node_modules/eslint/bin/eslint.js'), [
          '--max-warnings',
          '0',
          '.',
        ]);
        if (lint !== 0) {
          log('lint failed');
          process.exitCode = lint;
          return;
        }
        log('lint (dependency rules: .dependency-cruiser.mjs) …');
        const deps = await runNode(join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs'), [
          '--config',
          '.dependency-cruiser.mjs',
          'apps',
          'libs',
          'services',
        ]);
        if (deps !== 0) {
          log('dependency rules broken (see above)');
          process.exitCode = deps;
          return;
        }
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
