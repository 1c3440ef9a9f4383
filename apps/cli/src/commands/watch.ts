import { Kvm } from '@nats-io/kv';
import { Command } from 'commander';
import { openNats } from '../ops/connect.js';
import { CliError } from '../output.js';

interface Progress {
  position: string;
  planId: string;
  indicatorId: string;
  value: number | null;
  status: string;
  target: { kind: string; min?: number; max?: number; rankAtMost?: number };
  expectedByNow: number | null;
  rank?: number;
  groupSize?: number;
}

const COLOURS: Record<string, string> = {
  attained: '\x1b[32m',
  exceeded: '\x1b[34m',
  'on-track': '\x1b[33m',
  behind: '\x1b[31m',
};

export function formatProgress(p: Progress, colour = process.stdout.isTTY): string {
  const t = p.target;
  const target =
    t.kind === 'range'
      ? `${t.min}-${t.max}`
      : t.kind === 'floor'
        ? `>=${t.min}`
        : t.kind === 'percentage'
          ? `>=${t.min}%`
          : t.kind === 'comparative'
            ? `rank<=${t.rankAtMost}`
            : t.kind;
  const value =
    p.value === null
      ? '—'
      : t.kind === 'percentage'
        ? `${p.value}%`
        : p.rank
          ? `rank ${p.rank}/${p.groupSize}`
          : String(p.value);
  const status = colour && COLOURS[p.status] ? `${COLOURS[p.status]}${p.status}\x1b[0m` : p.status;
  return `${p.planId.padEnd(16)} ${p.indicatorId.padEnd(20)} ${value.padStart(12)}  target ${target.padEnd(10)} ${status}  @${p.position}`;
}

/**
 * `./highland watch`: the current progress of every indicator (from the KV bucket), then every
 * change as it happens, until Ctrl-C.
 */
export function watchCommand(): Command {
  return new Command('watch')
    .description('print progress of every indicator live in the terminal (Ctrl-C to stop)')
    .option('--plan <id>', 'only this plan')
    .option('--once', 'print the current progress and exit')
    .action(async (opts: { plan?: string; once?: boolean }) => {
      if (opts.plan !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(opts.plan)) {
        throw new CliError(
          `--plan must be a plan id (lower-case letters, digits, dashes), got "${opts.plan}"`,
          2,
        );
      }
      const session = await openNats();
      const ns = session.target.namespace;
      const bucket = `${ns ? `${ns}_` : ''}highland_progress`.replace(/-/g, '_');
      let kv;
      try {
        kv = await new Kvm(session.nats.nc).open(bucket);
        await kv.status();
      } catch {
        await session.close();
        throw new CliError('no progress yet: is the reporting service running (`./highland up`)?');
      }
      const iter = await kv.watch({ key: opts.plan ? `${opts.plan}.>` : '>' });
      const stop = async () => {
        iter.stop();
        await session.close();
      };
      process.once('SIGINT', () => void stop());
      let initial = true;
      for await (const e of iter) {
        if (e.operation === 'PUT') process.stdout.write(`${formatProgress(e.json<Progress>())}\n`);
        if (initial && e.delta === 0) {
          initial = false;
          if (opts.once) break;
          process.stdout.write('-- live --\n');
        }
      }
      await stop();
    });
}
