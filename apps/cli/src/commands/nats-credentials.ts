import { join } from 'node:path';
import { highlandHome } from '@highland/infra';
import { Command } from 'commander';
import { log } from '../output.js';

/**
 * `./highland nats-credentials`: the NATS users' seed files and the server configuration (public
 * keys and permissions), for a NATS that `up` does not start (docker compose, Kubernetes). Existing
 * seeds are kept, so running it again only refreshes the permissions.
 */
export function natsCredentialsCommand(): Command {
  return new Command('nats-credentials')
    .description('create the NATS users (one per service, cli, keys) and the server configuration')
    .option(
      '--out <dir>',
      'folder for <user>.nk seed files and nats-server.conf',
      join(highlandHome(), 'data', 'nats-auth'),
    )
    .action(async (opts: { out: string }) => {
      const { ensureNatsCredentials } = await import('@highland/messaging');
      const creds = ensureNatsCredentials(opts.out);
      log(`NATS users' seeds in ${creds.dir} (owner-only); server configuration: ${creds.configFile}`);
      log(
        'start nats-server with `-c` that file; give each service NATS_CREDENTIALS_FILE=<dir>/<service>.nk',
      );
    });
}
