#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { infraCommand } from './commands/infra.js';
import { testCommand } from './commands/test.js';
import { upCommand } from './commands/up.js';
import { CliError } from './output.js';

const program = new Command('highland')
  .description('Highland: a district technical-standards strategy platform')
  .showHelpAfterError()
  .exitOverride();

program.addCommand(upCommand());
program.addCommand(testCommand());
program.addCommand(infraCommand());

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
