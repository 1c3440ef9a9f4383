#!/usr/bin/env node
// For development: `node --enable-source-maps apps/bench/dist/main.js backbone|registry [options]`.
// The ./highland CLI registers benchCommand() itself.
import { CommanderError } from 'commander';
import { benchCommand } from './index.js';

const program = benchCommand().showHelpAfterError().exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
