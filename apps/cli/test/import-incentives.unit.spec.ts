import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@highland/infra';
import { describe, expect, it } from 'vitest';
import { readProgrammes, resolveIncentivesUrl } from '../src/commands/import-incentives.js';

const defaults = readFileSync(join(repoRoot(), 'services/incentives/data/default-programmes.json'), 'utf8');

describe('import incentives', () => {
  it('reads the default programmes file without a problem', () => {
    const { programmes, problems } = readProgrammes(defaults);
    expect(problems).toEqual([]);
    expect(programmes).toHaveLength(1);
  });

  it('reports a malformed rule with its JSON path in the file, and a file that is not JSON', () => {
    const [p] = JSON.parse(defaults) as Array<{ rules: Array<{ tiers: Array<Record<string, unknown>> }> }>;
    p!.rules[1]!.tiers[0]!.amountFen = -1;
    const { problems } = readProgrammes(JSON.stringify({ programmes: [p] }));
    expect(problems).toEqual([expect.stringMatching(/^programmes\.0\.rules\.1\.tiers\.0\.amountFen: /)]);
    expect(readProgrammes('{').problems[0]).toMatch(/^not JSON/);
  });

  it('finds the service by option, variable or default port', () => {
    expect(resolveIncentivesUrl(undefined, {})).toBe('http://127.0.0.1:18105');
    expect(resolveIncentivesUrl(undefined, { HIGHLAND_INCENTIVES_PORT: '19000' })).toBe(
      'http://127.0.0.1:19000',
    );
    expect(() => resolveIncentivesUrl('nope', {})).toThrow(/not a URL/);
  });
});
