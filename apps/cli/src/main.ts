#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { benchCommand } from './commands/bench.js';
import { dlqCommand } from './commands/dlq.js';
import { importCommand } from './commands/import.js';
import { infraCommand } from './commands/infra.js';
import { keysCommand } from './commands/keys.js';
import { natsCredentialsCommand } from './commands/nats-credentials.js';
import { replayCommand } from './commands/replay.js';
import { testCommand } from './commands/test.js';
import { upCommand } from './commands/up.js';
import { watchCommand } from './commands/watch.js';
import { CliError } from './output.js';

const program = new Command('highland')
  .description('Highland: a district technical-standards strategy platform')
  .showHelpAfterError()
  .exitOverride();

program.addCommand(upCommand());
program.addCommand(testCommand());
program.addCommand(infraCommand());
program.addCommand(importCommand());
program.addCommand(keysCommand());
program.addCommand(natsCredentialsCommand());
program.addCommand(dlqCommand());
program.addCommand(replayCommand());
program.addCommand(watchCommand());
program.addCommand(benchCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exit(err.exitCode);
  }
  const code = err instanceof CliError ? err.exitCode : 1;
  process.stderr.write(`highland: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(code);
}
