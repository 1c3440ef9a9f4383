import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { DefineProgrammeInput } from '@highland/incentives';
import { out } from '../ops/command.js';
import { reason } from '../ops/connect.js';
import { assertFile, resolveApiKey } from '../ops/import.js';
import { CliError, log } from '../output.js';

const HELP = `
The file is JSON: one programme, an array of programmes, or {"programmes": [...]}, each the body of
POST /programmes (amounts are integers in fen). Every programme is checked here first: a malformed
one is reported with the JSON path of each problem (programmes.0.rules.2.tiers.0.amountFen) and
nothing is sent. Sending the same file again changes nothing.

Defaults: --url from HIGHLAND_INCENTIVES_URL, else http://127.0.0.1:$HIGHLAND_INCENTIVES_PORT (18105);
--key from HIGHLAND_API_KEY, else .highland/office.key (written by \`./highland up\`).

Example:
  $ ./highland import incentives services/incentives/data/default-programmes.json`;

export function resolveIncentivesUrl(
  option: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  const raw =
    option ?? env.HIGHLAND_INCENTIVES_URL ?? `http://127.0.0.1:${env.HIGHLAND_INCENTIVES_PORT ?? 18105}`;
  try {
    return new URL(raw).toString().replace(/\/+$/, '');
  } catch {
    throw new CliError(`"${raw}" is not a URL (expected like http://127.0.0.1:18105)`, 2);
  }
}

/** The programmes of a file, each validated; the problems of every malformed one, by JSON path. */
export function readProgrammes(text: string): { programmes: unknown[]; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { programmes: [], problems: [`not JSON: ${reason(err)}`] };
  }
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { programmes?: unknown }).programmes)
      ? (json as { programmes: unknown[] }).programmes
      : [json];
  const problems: string[] = [];
  const programmes = list.map((p, i) => {
    const parsed = DefineProgrammeInput.safeParse(p);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      problems.push(`programmes.${[i, ...issue.path.map(String)].join('.')}: ${issue.message}`);
    return undefined;
  });
  return { programmes, problems };
}

export function importIncentivesCommand(): Command {
  return new Command('incentives')
    .description('define award and subsidy programmes from a JSON file')
    .argument('<programme file>', 'a .json file')
    .option('--url <base>', 'the incentives service base URL')
    .option('--key <api key>', 'API key with the scope incentives:programmes')
    .addHelpText('after', HELP)
    .action(async (file: string, opts: { url?: string; key?: string }) => {
      assertFile(file);
      const base = resolveIncentivesUrl(opts.url);
      const { key } = resolveApiKey(opts.key);
      const { programmes, problems } = readProgrammes(readFileSync(file, 'utf8'));
      if (problems.length)
        throw new CliError(`${file}: nothing sent, malformed programmes:\n  ${problems.join('\n  ')}`, 1);
      log(`defining ${programmes.length} programme(s) from ${file} in ${base}`);
      const counts = { recorded: 0, unchanged: 0 };
      for (const [i, p] of programmes.entries()) {
        let res: Response;
        try {
          res = await fetch(`${base}/programmes`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(p),
            signal: AbortSignal.timeout(30_000),
          });
        } catch (err) {
          throw new CliError(
            `cannot reach the incentives service at ${base}: ${reason(err)}. Is \`./highland up\` running?`,
          );
        }
        const answer = (await res.json().catch(() => ({}))) as {
          status?: 'recorded' | 'unchanged';
          detail?: string;
          errors?: Array<{ field: string; reason: string }>;
        };
        if (!res.ok || !answer.status) {
          const why = answer.errors
            ?.map((e) => `${e.field.replace(/^body/, `programmes.${i}`)}: ${e.reason}`)
            .join('\n  ');
          throw new CliError(
            `programmes.${i}: refused (${res.status}) ${answer.detail ?? ''}${why ? `\n  ${why}` : ''}`,
          );
        }
        counts[answer.status]++;
      }
      out(
        `${file}: ${programmes.length} programme(s)\n  recorded   ${counts.recorded}\n  unchanged  ${counts.unchanged}`,
      );
    });
}
