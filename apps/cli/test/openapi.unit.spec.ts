import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  BaseConfig,
  openApiDocumentOf,
  openApiJson,
  parseConfig,
  type ServiceDefinition,
} from '@highland/service-kit';
import { describe, expect, it } from 'vitest';
import { discoverServices, type ServiceManifest } from '../src/services.js';

// Every service's OpenAPI document is committed as services/<service>/generated/openapi.json, so
// `./highland test` lints it (redocly, lint:api) without starting a server, and a reader or a
// client generator finds it in the tree. Built in Nest's preview mode: no provider runs.
// Regenerate with: HIGHLAND_UPDATE_OPENAPI=1 npx vitest run --project unit apps/cli/test/openapi
const services = discoverServices();

/** A service's definition: the `<name>Service(config)` its package exports (service.ts). */
async function definitionOf(s: ServiceManifest): Promise<ServiceDefinition> {
  const exportName = `${s.name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Service`;
  const pkg = (await import(join(s.dir, 'src', 'index.ts'))) as Record<string, unknown>;
  const factory = pkg[exportName];
  if (typeof factory !== 'function')
    throw new Error(`services/${s.name} exports no ${exportName}(config) from src/index.ts (see service.ts)`);
  const config = parseConfig(BaseConfig, {
    PORT: String(s.defaultPort),
    NATS_URL: 'nats://127.0.0.1:14222',
    MONGO_URL: `mongodb://127.0.0.1:17017/${s.database}`,
  });
  return (factory as (c: BaseConfig) => ServiceDefinition)(config);
}

describe('generated OpenAPI documents', () => {
  it.each(services.map((s) => [s.name, s] as const))(
    'services/%s/generated/openapi.json is committed and up to date',
    async (name, s) => {
      const def = await definitionOf(s);
      const text = openApiJson(await openApiDocumentOf(def.module, def));
      const path = join(s.dir, 'generated', 'openapi.json');
      if (process.env.HIGHLAND_UPDATE_OPENAPI === '1') {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      expect(
        existsSync(path),
        `services/${name}/generated/openapi.json is missing: regenerate (see this file)`,
      ).toBe(true);
      expect(
        readFileSync(path, 'utf8'),
        `services/${name}/generated/openapi.json is stale: regenerate (see this file)`,
      ).toBe(text);
    },
  );
});
