import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Command } from 'commander';
import { reason } from '../ops/connect.js';
import { assertFile, resolveApiKey } from '../ops/import.js';
import { type ZoneRow, zoneRowBody, zoneRowsFromCsv, zoneRowsFromXlsx } from '../ops/import-zones.js';
import { rowsProgress } from '../ops/progress.js';
import { CliError, log } from '../output.js';

const HELP = `
The file: a header row, then one zone a row. Columns (case and spacing free):
  name, kind (agricultural | service-pilot | enterprise-base-farmers | rural-market),
  level_sought (national | municipal), product_line, town, lat, lon, area_mu,
  undertaking, undertaking_kind (leading-enterprise | cooperative | park | township | other),
  partners ("Name:kind; Name"), department (the department in charge; required with the office key),
  project (1..5), stage (approved | under-construction | passed), approved_level, batch,
  approval_document, approved_on, construction_from, construction_to, construction_started_on,
  passed_on (dates as YYYY-MM-DD)

Each row is recorded (POST /zones/existing), found unchanged, or rejected with its line and the
field at fault. Sending the same file again changes nothing.
Exit status: 0 when no row was rejected, 1 when some were, 2 on usage.

Defaults: --url from HIGHLAND_ZONES_URL, else http://127.0.0.1:$HIGHLAND_ZONES_PORT (18104);
--key from HIGHLAND_API_KEY, else .highland/office.key (written by \`./highland up\`).

Example:
  $ ./highland import zones zones.xlsx --key "$AGRICULTURE_KEY"`;

export function resolveZonesUrl(
  option: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  const raw = option ?? env.HIGHLAND_ZONES_URL ?? `http://127.0.0.1:${env.HIGHLAND_ZONES_PORT ?? 18104}`;
  try {
    return new URL(raw).toString().replace(/\/+$/, '');
  } catch {
    throw new CliError(`"${raw}" is not a URL (expected like http://127.0.0.1:18104)`, 2);
  }
}

type Outcome = { status: 'recorded' | 'unchanged' } | { status: 'rejected'; errors: string[] };

/** One row posted; a 4xx is the row's rejection (each field and reason), anything else stops the import. */
async function postRow(base: string, key: string, row: ZoneRow): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(`${base}/zones/existing`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(zoneRowBody(row.cells)),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new CliError(
      `cannot reach the zones service at ${base}: ${reason(err)}. Is \`./highland up\` running?`,
    );
  }
  const answer = (await res.json().catch(() => ({}))) as {
    status?: string;
    detail?: string;
    errors?: Array<{ field: string; reason: string }>;
  };
  if (res.status === 201) return { status: 'recorded' };
  if (res.status === 200) return { status: 'unchanged' };
  if (res.status === 401 || res.status === 429 || res.status >= 500)
    throw new CliError(`the zones service answered HTTP ${res.status}: ${answer.detail ?? ''}`);
  const errors = answer.errors?.length
    ? answer.errors.map((e) => `${e.field}: ${e.reason}`)
    : [answer.detail ?? `HTTP ${res.status}`];
  return { status: 'rejected', errors };
}

/** `./highland import zones <file>`: zones a district already has, from a .csv or .xlsx file. */
export function importZonesCommand(): Command {
  return new Command('zones')
    .description('import the demonstration zones and pilots a district already has (.csv or .xlsx)')
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--url <base>', 'the zones service base URL')
    .option('--key <api key>', 'API key with the scope zones:zones')
    .addHelpText('after', HELP)
    .action(async (file: string, opts: { url?: string; key?: string }) => {
      assertFile(file);
      const base = resolveZonesUrl(opts.url);
      const { key } = resolveApiKey(opts.key);
      const ext = extname(file).toLowerCase();
      let rows: ZoneRow[];
      if (ext === '.csv') rows = zoneRowsFromCsv(readFileSync(file, 'utf8'));
      else if (ext === '.xlsx') {
        try {
          rows = await zoneRowsFromXlsx(readFileSync(file));
        } catch (err) {
          throw new CliError(`${file}: not a readable .xlsx file: ${reason(err)}`);
        }
      } else throw new CliError(`${file}: expected a .csv or .xlsx file, got "${ext || 'no extension'}"`, 2);
      if (rows.length === 0) {
        process.stdout.write(`${file}: no rows to import\n`);
        return;
      }
      log(`importing ${rows.length} zones from ${file} into ${base}`);
      const totals = { recorded: 0, unchanged: 0, rejected: 0 };
      const rejected: string[] = [];
      const progress = rowsProgress(rows.length, 'zones');
      let done = 0;
      try {
        for (const row of rows) {
          const outcome = await postRow(base, key, row);
          totals[outcome.status]++;
          if (outcome.status === 'rejected')
            for (const e of outcome.errors) rejected.push(`line ${row.line}: ${e}`);
          progress.update(++done);
        }
      } finally {
        progress.stop();
      }
      process.stdout.write(
        `${file}: ${rows.length} rows\n  recorded   ${totals.recorded}\n  unchanged  ${totals.unchanged}\n  rejected   ${totals.rejected}\n` +
          (rejected.length ? `rejected rows:\n${rejected.join('\n')}\n` : ''),
      );
      if (totals.rejected) throw new CliError(`${totals.rejected} of ${rows.length} row(s) rejected`);
    });
}
