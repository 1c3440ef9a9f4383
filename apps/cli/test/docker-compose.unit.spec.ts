import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, serviceNodeFlags } from '@highland/infra';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { discoverServices } from '../src/services.js';

interface ComposeService {
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  volumes?: string[];
  build?: { args?: Record<string, string> };
}
const compose = parse(readFileSync(join(repoRoot(), 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const infraNames = ['mongo', 'nats', 'nats-credentials'];
const services = discoverServices();

describe('docker-compose.yml stays true to the code', () => {
  it('runs MongoDB 8 as a replica set and NATS with JetStream', () => {
    expect(compose.services.mongo?.image).toMatch(/^mongo:8/);
    expect(compose.services.mongo?.command).toContain('--replSet');
    expect(compose.services.nats?.command).toContain('-js');
  });

  it('gives NATS the generated users and permissions, and no anonymous access', () => {
    expect(compose.services['nats-credentials']?.command).toEqual(
      expect.arrayContaining(['nats-credentials', '--out', '/creds']),
    );
    expect(compose.services.nats?.command).toEqual(expect.arrayContaining(['-c', '/creds/nats-server.conf']));
    expect(Object.keys(compose.services.nats?.depends_on ?? {})).toEqual(['nats-credentials']);
  });

  it('names exactly the services that exist under services/', () => {
    const composeApps = Object.keys(compose.services).filter((n) => !infraNames.includes(n));
    expect(composeApps.sort()).toEqual(services.map((s) => s.name).sort());
  });

  it.each(services.map((s) => [s.name, s] as const))(
    '%s: port, database and environment match',
    (name, s) => {
      const svc = compose.services[name]!;
      expect(svc.ports).toContain(`${s.defaultPort}:${s.defaultPort}`);
      expect(svc.environment?.PORT).toBe(String(s.defaultPort));
      expect(svc.environment?.NATS_URL).toBe('nats://nats:4222');
      // Its own NATS user: the seed of its name from the credentials volume.
      expect(svc.environment?.NATS_CREDENTIALS_FILE).toBe(`/creds/${name}.nk`);
      expect(svc.volumes).toContain('nats-creds:/creds:ro');
      expect(svc.environment?.MONGO_URL).toBe(`mongodb://mongo:27017/${s.database}?replicaSet=rs0`);
      expect(Object.keys(svc.depends_on ?? {}).sort()).toEqual(['mongo', 'nats']);
      expect(svc.build?.args?.SERVICE).toBe(name);
    },
  );

  it.each(services.map((s) => [s.name] as const))(
    '%s: the image starts it with its V8 flags (the CMD, and its NODE_OPTIONS in the compose file)',
    (name) => {
      const dockerfile = readFileSync(join(repoRoot(), 'deploy', 'Dockerfile'), 'utf8');
      const cmd = /^CMD .*exec node ([^"]*)"\]$/m.exec(dockerfile)?.[1]?.split(' ') ?? [];
      const nodeOptions = compose.services[name]?.environment?.NODE_OPTIONS?.split(' ') ?? [];
      for (const flag of serviceNodeFlags(name)) expect([...cmd, ...nodeOptions]).toContain(flag);
      // Nothing more than its own flags: another service's would be there by mistake.
      const given = [
        ...cmd.filter((a) => a.startsWith('--') && a !== '--enable-source-maps' && a !== '--import'),
        ...nodeOptions,
      ];
      expect(given.sort()).toEqual([...serviceNodeFlags(name)].sort());
    },
  );
});
