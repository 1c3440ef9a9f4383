import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@highland/infra';

/** What a service declares in its package.json under "highland". */
export interface ServiceManifest {
  name: string;
  dir: string;
  main: string;
  defaultPort: number;
  /** Database name of its own (one database per service). */
  database: string;
  /** Extra URLs worth printing (paths relative to the service's base URL). */
  links: Record<string, string>;
}

export function discoverServices(root = repoRoot()): ServiceManifest[] {
  const servicesDir = join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(servicesDir, d.name, 'package.json')))
    .map((d) => {
      const dir = join(servicesDir, d.name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        highland?: { service: string; defaultPort: number; database: string; links?: Record<string, string> };
      };
      if (!pkg.highland) return undefined;
      return {
        name: pkg.highland.service,
        dir,
        main: join(dir, 'dist', 'main.js'),
        defaultPort: pkg.highland.defaultPort,
        database: pkg.highland.database,
        links: pkg.highland.links ?? {},
      } satisfies ServiceManifest;
    })
    .filter((s): s is ServiceManifest => !!s)
    .sort((a, b) => a.defaultPort - b.defaultPort);
}

/** The same server URL with another database in its path. */
export function withDatabase(mongoUrl: string, database: string): string {
  const url = new URL(mongoUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
