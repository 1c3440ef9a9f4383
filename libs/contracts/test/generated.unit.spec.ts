import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalog, generateContractFiles, requestCatalog } from '../src/index.js';

const generatedDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'generated');
const files = generateContractFiles();

// Regenerate with: HIGHLAND_UPDATE_CONTRACTS=1 npx vitest run --project unit libs/contracts
if (process.env.HIGHLAND_UPDATE_CONTRACTS === '1') {
  for (const [name, content] of files) {
    mkdirSync(dirname(join(generatedDir, name)), { recursive: true });
    writeFileSync(join(generatedDir, name), content);
  }
}

describe('generated AsyncAPI and JSON Schemas', () => {
  it('are committed and up to date with the catalogue', () => {
    for (const [name, content] of files) {
      const path = join(generatedDir, name);
      expect(existsSync(path), `${name} is missing: regenerate (see this file's header)`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${name} is stale: regenerate (see this file's header)`).toBe(
        content,
      );
    }
    const onDisk = readdirSync(join(generatedDir, 'json-schema')).map((f) => `json-schema/${f}`);
    expect(onDisk.sort()).toEqual([...files.keys()].filter((f) => f.startsWith('json-schema/')).sort());
  });

  it('describe every event of the catalogue as an AsyncAPI 3 message with its channel', () => {
    const doc = JSON.parse(files.get('asyncapi.json')!) as {
      asyncapi: string;
      channels: Record<string, { address: string }>;
    };
    expect(doc.asyncapi).toBe('3.0.0');
    const addresses = Object.values(doc.channels).map((c) => c.address);
    for (const c of catalog)
      expect(addresses).toContain(`${c.service}.evt.${c.name}.v${c.version}.{aggregateId}`);
  });

  it('describe every request contract as a channel its service answers, with its reply', () => {
    const doc = JSON.parse(files.get('asyncapi.json')!) as {
      channels: Record<string, { address?: string }>;
      operations: Record<string, { action: string; channel: { $ref: string }; reply?: unknown }>;
    };
    for (const r of requestCatalog) {
      const [name] = Object.entries(doc.channels).find(([, ch]) => ch.address === r.subject) ?? [];
      expect(name, r.subject).toBeDefined();
      const op = Object.values(doc.operations).find((o) => o.channel.$ref === `#/channels/${name}`);
      expect(op).toMatchObject({
        action: 'receive',
        reply: { channel: { $ref: `#/channels/${name}_reply` } },
      });
      expect(files.has(`json-schema/${r.service}.rpc.${r.name}.v${r.version}.reply.json`)).toBe(true);
    }
  });
});
