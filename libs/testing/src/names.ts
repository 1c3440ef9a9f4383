import { createHash, randomBytes } from 'node:crypto';

export interface TestNames {
  /** A database name of its own ([a-zA-Z0-9_-]{1,63}). */
  db: string;
  /** A prefix for stream, consumer and subject names (upper-case, NATS-safe). */
  prefix: string;
  /** A name derived from this file's prefix, for one stream or consumer. */
  stream(name: string): string;
}

/** Names unique to one test file and run, so files can run in parallel against shared servers. */
export function testNames(fileUrl: string): TestNames {
  const fileHash = createHash('sha1').update(fileUrl).digest('hex').slice(0, 8);
  const run = randomBytes(3).toString('hex');
  const prefix = `T${fileHash}${run}`.toUpperCase();
  return {
    db: `t_${fileHash}_${run}`,
    prefix,
    stream: (name: string) => `${prefix}_${name.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`,
  };
}
