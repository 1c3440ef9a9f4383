// Every CSV export of every service goes through the kit's sendCsv (which neutralises formula
// cells, tested in libs/service-kit/test/csv.unit.spec.ts): a controller that serves a `.csv` route
// any other way, or a module that writes CSV by itself, would escape that rule.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@highland/infra';
import { describe, expect, it } from 'vitest';

const root = repoRoot();
const services = readdirSync(join(root, 'services'));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('CSV exports all go through sendCsv', () => {
  const controllers = services.flatMap((s) => sources(join(root, 'services', s, 'src', 'http')));
  const csvRoutes = controllers.filter((f) => /@Get\([^)]*\.csv/.test(readFileSync(f, 'utf8')));

  it('finds the exports (reporting, zones, incentives)', () => {
    const owners = new Set(csvRoutes.map((f) => f.split('/services/')[1]!.split('/')[0]));
    expect([...owners].sort()).toEqual(expect.arrayContaining(['incentives', 'reporting', 'zones']));
  });

  it.each(csvRoutes.map((f) => [f.slice(root.length + 1)]))('%s serves CSV with sendCsv only', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).toMatch(/\bsendCsv\(/);
    expect(text).not.toMatch(/csv-stringify|setHeader\([^)]*text\/csv/);
  });

  it('no service writes CSV by itself', () => {
    const writers = services
      .flatMap((s) => sources(join(root, 'services', s, 'src')))
      .filter((f) => /from 'csv-stringify/.test(readFileSync(f, 'utf8')));
    expect(writers).toEqual([]);
  });
});
