import { join } from 'node:path';
import {
  DEFAULT_MONGO_PORT,
  DEFAULT_NATS_PORT,
  highlandHome,
  isListening,
  startInfra,
  stopPid,
  type Infra,
} from '@highland/infra';
import { Command } from 'commander';
import { clearInfraState, isAlive, readInfraState, writeInfraState } from '../infra-state.js';
import { CliError, envPort, log } from '../output.js';

export interface RunningInfra {
  natsUrl: string;
  mongoUrl: string;
  /** Stops what this call started; a no-op for servers that `infra up` started earlier. */
  stop(): Promise<void>;
  describe: string;
}

/** Servers for `up`: the ones `infra up` left running, or new ones tied to this process. */
export async function acquireInfra(): Promise<RunningInfra> {
  const existing = readInfraState();
  if (existing && !process.env.NATS_URL && !process.env.MONGO_URL) {
    log(`using the infrastructure started by \`./highland infra up\` (pids ${existing.pids.join(', ')})`);
    return {
      ...existing,
      stop: async () => {},
      describe: `${existing.natsKind} / ${existing.mongoKind} (infra up)`,
    };
  }
  const infra = await startConfigured(true);
  return { ...infra, describe: `${infra.natsKind} / ${infra.mongoKind}` };
}

async function startConfigured(tied: boolean): Promise<Infra> {
  const natsPort = envPort('HIGHLAND_NATS_PORT', DEFAULT_NATS_PORT);
  const mongoPort = envPort('HIGHLAND_MONGO_PORT', DEFAULT_MONGO_PORT);
  for (const [name, port, env] of [
    ['NATS', natsPort, 'NATS_URL'],
    ['the store', mongoPort, 'MONGO_URL'],
  ] as const) {
    if (!process.env[env] && (await isListening(port))) {
      throw new CliError(
        `port ${port} for ${name} is already in use. Stop what holds it (\`./highland infra down\` if it is ours), ` +
          `or choose another with HIGHLAND_${name === 'NATS' ? 'NATS' : 'MONGO'}_PORT, or set ${env}.`,
      );
    }
  }
  return startInfra({ dataDir: join(highlandHome(), 'data'), natsPort, mongoPort, tiedToThisProcess: tied });
}

export function infraCommand(): Command {
  const infra = new Command('infra').description(
    'the infrastructure alone (NATS + the store), for development',
  );

  infra
    .command('up')
    .description('start NATS and the store in the background and return')
    .action(async () => {
      const running = readInfraState();
      if (running) {
        printState('already running', running);
        return;
      }
      const started = await startConfigured(false);
      const state = {
        pids: started.pids,
        natsUrl: started.natsUrl,
        mongoUrl: started.mongoUrl,
        natsKind: started.natsKind,
        natsCredentialsDir: started.natsCredentialsDir,
        mongoKind: started.mongoKind,
        dataDir: join(highlandHome(), 'data'),
        logFiles: started.logFiles,
        startedAt: new Date().toISOString(),
      };
      writeInfraState(state);
      printState('started', state);
    });

  infra
    .command('down')
    .description('stop the infrastructure started by `infra up`')
    .action(async () => {
      const running = readInfraState();
      if (!running) {
        clearInfraState();
        process.stdout.write('infrastructure: not running\n');
        return;
      }
      for (const pid of running.pids) await stopPid(pid);
      clearInfraState();
      process.stdout.write(`infrastructure: stopped (pids ${running.pids.join(', ')})\n`);
    });

  infra
    .command('status')
    .description('show whether the infrastructure is running, and where')
    .action(() => {
      const running = readInfraState();
      if (!running) {
        process.stdout.write('infrastructure: not running\n');
        process.exitCode = 3;
        return;
      }
      printState('running', running);
    });

  return infra;
}

function printState(
  word: string,
  s: {
    pids: number[];
    natsUrl: string;
    mongoUrl: string;
    natsKind: string;
    mongoKind: string;
    logFiles: string[];
  },
) {
  const alive = s.pids.filter(isAlive);
  process.stdout.write(
    [
      `infrastructure: ${word}`,
      `  NATS     ${s.natsUrl}  (${s.natsKind})`,
      `  store    ${s.mongoUrl}  (${s.mongoKind})`,
      `  pids     ${alive.join(', ') || '-'}`,
      `  logs     ${s.logFiles.join(', ') || '-'}`,
      '',
    ].join('\n'),
  );
}
