/** Human-facing output of the CLI: progress to stderr, results to stdout. */
export const log = (message: string) => process.stderr.write(`highland: ${message}\n`);

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CliError(`${name} must be a port number (1-65535), got "${raw}"`, 2);
  }
  return port;
}
