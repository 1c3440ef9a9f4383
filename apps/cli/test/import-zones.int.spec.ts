// `./highland import zones` against the real zones service (in-process, real NATS and store): every
// row recorded or reported with its line and field, from .csv and .xlsx; a second run changes nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import { zonesService, ZonesConfig } from '@highland/zones';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../src/commands/import.js';
import { runCommand } from './run-command.js';

const names = testNames(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'highland-cli-import-zones-'));
let app: Awaited<ReturnType<typeof createService>>;
let fx: MessagingFixture;
let base = '';
let officeKey = '';

beforeAll(async () => {
  const env = await serviceEnv(names, 'zones');
  const config = parseConfig(ZonesConfig, env);
  app = await createService(zonesService(config));
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

const header =
  'name,kind,level_sought,product_line,town,lat,lon,area_mu,undertaking,undertaking_kind,partners,department,project,stage,batch,approval_document,approved_on,construction_from,construction_to,passed_on';
const csv = [
  header, // 1
  'Gulou loquat zone,agricultural,national,loquat,Gulou,29.3,105.9,15000,Gulou Loquat Cooperative,cooperative,Caojie Agricultural Park:park,agriculture,2,passed,b7,SAC-2011-3,2011-05-01,2011-06-01,2014-05-31,2014-08-01', // 2
  'Shuangfeng peach zone,agricultural,municipal,peach,Shuangfeng,29.4,105.8,-5,Shuangfeng Fruit Co.,leading-enterprise,,agriculture,2,approved,2020 batch,CQ-2020-8,2020-05-01,2020-06-01,2023-05-31,', // 3
  '', // 4
  'Railway logistics pilot,service-pilot,national,logistics,Sanjiang,29.2,106.0,300,Railway Logistics Park,park,,commerce,1,under-construction,9th batch,SAC-2022-1,2022-03-01,2022-04-01,2024-03-31,', // 5
].join('\n');

describe('import zones (real zones service)', () => {
  it('records the good rows and reports the bad ones by line and field; a second run changes nothing', async () => {
    const path = join(dir, 'zones.csv');
    writeFileSync(path, csv);
    const first = await runCommand(importCommand, ['zones', path, '--url', base, '--key', officeKey]);
    expect(first.stdout).toMatch(/3 rows\n\s+recorded\s+2\n\s+unchanged\s+0\n\s+rejected\s+1/);
    expect(first.stdout).toContain('line 3: body.areaMu:');
    expect(first.exitCode).toBe(1);
    const again = await runCommand(importCommand, ['zones', path, '--url', base, '--key', officeKey]);
    expect(again.stdout).toMatch(/3 rows\n\s+recorded\s+0\n\s+unchanged\s+2\n\s+rejected\s+1/);
    const zones = await apiClient(base, officeKey).get('/zones?state=passed,under-construction');
    expect(
      (zones.body.items as Array<{ name: string; state: string }>).map((z) => [z.name, z.state]).sort(),
    ).toEqual([
      ['Gulou loquat zone', 'passed'],
      ['Railway logistics pilot', 'under-construction'],
    ]);
  });

  it('reads an .xlsx workbook the same way', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('zones');
    const cols = header.split(',');
    sheet.addRow(cols);
    const row = csv.split('\n')[3 - 1]!.split(',');
    row[0] = 'Sanjiang fish zone';
    row[7] = '800';
    sheet.addRow(
      row.map((v, i) => (['lat', 'lon', 'area_mu', 'project'].includes(cols[i]!) ? Number(v) : v)),
    );
    const path = join(dir, 'zones.xlsx');
    await workbook.xlsx.writeFile(path);
    const res = await runCommand(importCommand, ['zones', path, '--url', base, '--key', officeKey]);
    expect(res.stdout).toMatch(/1 rows\n\s+recorded\s+1\n\s+unchanged\s+0\n\s+rejected\s+0/);
    expect(res.exitCode).toBe(0);
    const again = await runCommand(importCommand, ['zones', path, '--url', base, '--key', officeKey]);
    expect(again.stdout).toMatch(/unchanged\s+1/);
  });
});
