// Runs a CLI command in-process as the entry point would, capturing what it prints and the exit
// code it would end with (a CliError's or CommanderError's, 1 for anything else, 0 on success).
import { type Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { CliError } from '../src/output.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  error?: unknown;
}

export async function runCommand(make: () => Command, args: string[]): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const capture = (into: 'out' | 'err') =>
    ((chunk: string | Uint8Array) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (into === 'out') stdout += text;
      else stderr += text;
      return true;
    }) as typeof process.stdout.write;
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(capture('out'));
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(capture('err'));
  try {
    await make().parseAsync(['node', 'highland', ...args]);
    return { stdout, stderr, exitCode: 0 };
  } catch (error) {
    const exitCode = error instanceof CliError || error instanceof CommanderError ? error.exitCode : 1;
    if (error instanceof CliError) stderr += `highland: ${error.message}\n`;
    return { stdout, stderr, exitCode, error };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}

/** Sets environment variables (undefined removes one) for the duration of `fn`. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}
