import { z } from 'zod';

/** Variables every service reads; a service extends this with its own. */
export const BaseConfig = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  HOST: z.string().default('127.0.0.1'),
  NATS_URL: z.string().regex(/^(nats|tls|wss?):\/\//, 'a nats:// URL (comma-separate several servers)'),
  /** This service's NATS user: the NKey seed file `./highland up` generates (see nats-auth.ts). */
  NATS_CREDENTIALS_FILE: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// URL naming the database'),
  /** Prefix of every stream and subject (tests run several platforms on one server). */
  HIGHLAND_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Plain-text office key ensured at start (development and tests); production manages keys with the CLI. */
  HIGHLAND_BOOTSTRAP_OFFICE_KEY: z.string().min(24).optional(),
  /** Exit when this process is gone (set by `./highland up`, so no service outlives it). */
  HIGHLAND_PARENT_PID: z.coerce.number().int().positive().optional(),
  BODY_LIMIT: z.string().default('1mb'),
  /** Requests one caller (API key, or address when anonymous) may make per window and replica; 0: no limit. */
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(1_000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(10),
});
export type BaseConfig = z.infer<typeof BaseConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment; every problem is listed at once, each with its variable. */
export function parseConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const name = i.path.join('.');
    const value = env[name];
    return `  ${name}: ${i.message}${value === undefined ? ' (not set)' : ''}`;
  });
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

/** For main.ts: a bad or missing variable ends the process with exit code 1 and the list. */
export function loadConfigOrExit<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  try {
    return parseConfig(schema, env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}
