import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { serviceNodeFlags } from '../src/node-flags.js';

const source = fileURLToPath(new URL('../src/node-flags.ts', import.meta.url));

describe('ensureServiceNodeFlags', () => {
  it('runs the script again with the service flags, keeping its arguments and exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'node-flags-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const script = join(dir, 'probe.mts');
    writeFileSync(
      script,
      `import { ensureServiceNodeFlags } from ${JSON.stringify(source)};
ensureServiceNodeFlags('registry');
console.log(JSON.stringify({ execArgv: process.execArgv, args: process.argv.slice(2) }));
process.exit(3);`,
    );
    let out = '';
    let status: number | null = null;
    try {
      execFileSync(process.execPath, [script, 'a', '--b'], { encoding: 'utf8' });
    } catch (err) {
      const e = err as { stdout: string; status: number };
      out = e.stdout;
      status = e.status;
    }
    expect(status).toBe(3);
    const lines = out.trim().split('\n');
    // Printed once: by the child that has the flags, not by the parent that started it.
    expect(lines).toHaveLength(1);
    const seen = JSON.parse(lines[0]!) as { execArgv: string[]; args: string[] };
    for (const flag of serviceNodeFlags('registry')) expect(seen.execArgv).toContain(flag);
    expect(seen.args).toEqual(['a', '--b']);
  });

  it('gives every service the common flags, and the registry its larger young generation', () => {
    expect(serviceNodeFlags()).toEqual(['--no-allocation-site-pretenuring']);
    expect(serviceNodeFlags('reporting')).toEqual(serviceNodeFlags());
    expect(serviceNodeFlags('registry')).toEqual([...serviceNodeFlags(), '--max-semi-space-size=64']);
  });
});
