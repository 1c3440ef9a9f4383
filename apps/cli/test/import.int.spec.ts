// `./highland import registry` against the real registry (in-process, real NATS and store): the
// line numbers it prints are the file's, whatever the chunking, and a second run changes nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registryService } from '@highland/registry';
import { BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import { messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../src/commands/import.js';
import { runCommand } from './run-command.js';

const names = testNames(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'highland-cli-import-int-'));
let app: Awaited<ReturnType<typeof createService>>;
let fx: MessagingFixture;
let base = '';
let officeKey = '';

beforeAll(async () => {
  const env = await serviceEnv(names, 'registry');
  const config = parseConfig(BaseConfig, env);
  app = await createService(registryService(config));
  await listen(app, config);
  base = `http://127.0.0.1:${env.PORT}`;
  officeKey = env.HIGHLAND_BOOTSTRAP_OFFICE_KEY;
  fx = await messagingFixture(names);
});
afterAll(async () => {
  await app?.close();
  await fx?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const csv = [
  'type,code,title_zh,ics,sector,work_kind,adopts,degree,stage,published_on,enterprise,product,standard_code,filed_on', // 1
  'standard,GB/T 30000-2014,水泥,91.100.10,cement,adopt,ISO 679:2009,MOD,drafting,,,,,', // 2
  '', // 3
  'standard,GB/T 3000-14,坏,91.100.10,cement,formulate,,,drafting,,,,,', // 4
  'filing,,,,,,,,,,"Sanjiang', // 5
  'Foods",chilli sauce,Q/SJSP 002-2014,2014-04-01', // 6
  'standard,JB/T 12000-2014,电机,29.160.30,machinery,existing,,,published,2014-10-01,,,,', // 7
  '', // 8
  'standard,XX/T 1-2014,坏,00.000,x,formulate,,,drafting,,,,,', // 9
].join('\n');

describe('import registry (real registry)', () => {
  it('records the good rows and reports the bad ones by their line in the file', async () => {
    const path = join(dir, 'standards.csv');
    writeFileSync(path, csv);
    const res = await runCommand(importCommand, [
      'registry',
      path,
      '--url',
      base,
      '--key',
      officeKey,
      '--chunk',
      '2',
    ]);
    expect(res.stdout).toMatch(/5 rows in .*\n\s+recorded\s+3\n\s+unchanged\s+0\n\s+rejected\s+2/);
    const rejected = res.stdout.split('rejected rows:\n')[1]!.trimEnd().split('\n');
    expect(rejected.map((l) => /^line (\d+): ([^:]+):/.exec(l)?.slice(1, 3))).toEqual([
      ['4', 'code'],
      ['9', 'code'],
      ['9', 'ics.0'],
    ]);
    expect(res.exitCode).toBe(1);
  });

  it('changes nothing when the same file is sent again', async () => {
    const path = join(dir, 'standards.csv');
    const res = await runCommand(importCommand, ['registry', path, '--url', base, '--key', officeKey]);
    expect(res.stdout).toMatch(/recorded\s+0\n\s+unchanged\s+3\n\s+rejected\s+2/);
  });

  it('imports a JSON file of API bodies, and refuses an unknown key with the problem detail', async () => {
    const path = join(dir, 'more.json');
    writeFileSync(
      path,
      JSON.stringify(
        [
          {
            type: 'standard',
            code: 'GB/T 30001-2014',
            title: { zh: '水泥二' },
            ics: ['91.100.10'],
            sector: 'cement',
            work: { kind: 'formulate' },
            stage: 'drafting',
          },
        ],
        null,
        2,
      ),
    );
    const ok = await runCommand(importCommand, ['registry', path, '--url', base, '--key', officeKey]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/recorded\s+1/);
    const refused = await runCommand(importCommand, [
      'registry',
      path,
      '--url',
      base,
      '--key',
      'hl_not_a_key',
    ]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('the registry answered 401');
    expect(refused.stderr).toContain('the API key is not known');
  });
});
