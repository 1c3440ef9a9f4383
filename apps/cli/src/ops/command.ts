import { type Command, CommanderError, InvalidArgumentError } from 'commander';

/**
 * Commander exits with 1 on every parse error; Highland's commands exit with 2 on usage errors (a
 * missing argument, an unknown option, a bad number) and keep 1 for failures. Applied to a command
 * and all its subcommands, because settings do not pass down through `addCommand`. Errors are
 * thrown (never `process.exit`): the entry point exits with the code, and tests can catch them.
 */
export function withUsageExitCodes(cmd: Command): Command {
  cmd.exitOverride((err) => {
    if (err.exitCode === 0 || err.code === 'commander.executeSubCommandAsync') throw err;
    throw new CommanderError(2, err.code, err.message);
  });
  cmd.showHelpAfterError(`(run with --help for usage)`);
  for (const sub of cmd.commands) withUsageExitCodes(sub);
  return cmd;
}

/** Argument parser for a positive whole number (sequence numbers, sizes, limits). */
export function positiveInt(what: string, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(
        `${what} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? 'above 0' : `from 1 to ${max}`}, got "${raw}"`,
      );
    }
    return n;
  };
}

/** Service names as used in subjects: lower-case letters, digits and dashes. */
export function serviceName(raw: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(raw)) {
    throw new InvalidArgumentError(`a service name is lower-case letters, digits and dashes, got "${raw}"`);
  }
  return raw;
}

/** Consumer (durable) names: what NATS accepts in a subject token and a durable name. */
export function consumerName(raw: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) {
    throw new InvalidArgumentError(`a consumer name is letters, digits, "-" and "_", got "${raw}"`);
  }
  return raw;
}

export const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
