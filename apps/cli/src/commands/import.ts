import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Command } from 'commander';
import { out, positiveInt, withUsageExitCodes } from '../ops/command.js';
import {
  chunkRows,
  DEFAULT_CHUNK_ROWS,
  formatRejections,
  isImportReport,
  jsonlChunks,
  mapChunkResults,
  MAX_CHUNK_ROWS,
  postToRegistry,
  assertFile,
  readRegistryFile,
  type Rejection,
  resolveApiKey,
  resolveRegistryUrl,
} from '../ops/import.js';
import { rowsPerSecond, rowsProgress } from '../ops/progress.js';
import { CliError, log } from '../output.js';
import { importIncentivesCommand } from './import-incentives.js';
import { importTbtCommand } from './import-tbt.js';
import { importZonesCommand } from './import-zones.js';

const REGISTRY_HELP = `
The file:
  .csv   a header row; a "type" column (standard, key-product, filing, certification,
         committee-seat; default standard); snake_case columns; ";"-separated lists
  .json  an array of API bodies (or {"items": [...]}), each with an optional "type"

Rows are checked on the server and sent in chunks (POST /import); every row is recorded, found
unchanged, or rejected with its line in the file. Sending the same file again changes nothing.
Exit status: 0 when no row was rejected, 1 when some were (or the registry refused), 2 on usage.

Defaults: --url from HIGHLAND_REGISTRY_URL, else http://127.0.0.1:$HIGHLAND_REGISTRY_PORT (18101);
--key from HIGHLAND_API_KEY, else .highland/office.key (written by \`./highland up\`).

Examples:
  $ ./highland import registry data/standards.csv
  $ ./highland import registry filings.json --key "$AGRICULTURE_KEY" --chunk 500`;

const CATALOGUE_HELP = `
The file is ISO Open Data "iso_deliverables_metadata" in JSON Lines (one deliverable a line). It is
sent in chunks to POST /catalogue/iso (scope registry:catalogue); bad lines are reported with their
line number.

Example:
  $ ./highland import registry-catalogue iso_deliverables_metadata.jsonl`;

interface ConnOpts {
  url?: string;
  key?: string;
}

/** `./highland import`: bulk import into the registry. */
export function importCommand(): Command {
  const cmd = new Command('import').description(
    'bulk import files into the registry, the TBT service, zones or incentives',
  );

  cmd
    .command('registry')
    .description(
      'import standards, key products, filings, certifications and committee seats from a .csv or .json file',
    )
    .argument('<file>', 'a .csv or .json file')
    .option('--url <base>', 'the registry base URL')
    .option('--key <api key>', 'API key (scopes for the row types in the file)')
    .option(
      '--chunk <n>',
      `rows per request (at most ${MAX_CHUNK_ROWS})`,
      positiveInt('--chunk', MAX_CHUNK_ROWS),
      DEFAULT_CHUNK_ROWS,
    )
    .addHelpText('after', REGISTRY_HELP)
    .action(async (file: string, opts: ConnOpts & { chunk: number }) => {
      await importRegistry(file, opts);
    });

  cmd
    .command('registry-catalogue')
    .description("import the ISO deliverables catalogue (JSON Lines) into the registry's reference catalogue")
    .argument('<file.jsonl>', 'a .jsonl (or .ndjson) file')
    .option('--url <base>', 'the registry base URL')
    .option('--key <api key>', 'API key with the scope registry:catalogue')
    .option('--chunk <n>', 'lines per request', positiveInt('--chunk', 100_000), 2_000)
    .addHelpText('after', CATALOGUE_HELP)
    .action(async (file: string, opts: ConnOpts & { chunk: number }) => {
      await importCatalogue(file, opts);
    });

  cmd.addCommand(importTbtCommand());
  cmd.addCommand(importIncentivesCommand());
  cmd.addCommand(importZonesCommand());
  return withUsageExitCodes(cmd);
}

async function importRegistry(file: string, opts: ConnOpts & { chunk: number }): Promise<void> {
  const base = resolveRegistryUrl(opts.url);
  const { key } = resolveApiKey(opts.key);
  const { rows } = await readRegistryFile(file);
  if (rows.length === 0) {
    out(`${file}: no rows to import`);
    return;
  }
  const chunks = chunkRows(rows, opts.chunk);
  log(`importing ${rows.length} rows from ${file} into ${base} (${chunks.length} request(s))`);
  const started = Date.now();
  const progress = rowsProgress(rows.length, 'import');
  let recorded = 0;
  let unchanged = 0;
  let rejectedRows = 0;
  let sent = 0;
  const rejections: Rejection[] = [];
  let failure: Error | undefined;
  try {
    for (const chunk of chunks) {
      const answer = await postToRegistry(
        base,
        `/import?lineOffset=${chunk.offset}`,
        key,
        'application/json',
        chunk.body,
      );
      if (!isImportReport(answer)) {
        throw new CliError(`unexpected answer from POST /import: ${JSON.stringify(answer).slice(0, 300)}`);
      }
      const outcome = mapChunkResults(answer.results, rows, chunk);
      recorded += outcome.recorded;
      unchanged += outcome.unchanged;
      rejectedRows += outcome.rejectedRows;
      rejections.push(...outcome.rejections);
      sent = chunk.offset + chunk.count;
      progress.update(sent);
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
  } finally {
    progress.stop();
  }
  const ms = Date.now() - started;
  if (sent === 0 && failure) throw failure;
  out(
    [
      `${file}: ${sent === rows.length ? `${rows.length} rows` : `${sent} of ${rows.length} rows sent`} ` +
        `in ${(ms / 1000).toFixed(1)} s (${rowsPerSecond(sent, ms)} rows/s)`,
      `  recorded   ${recorded}`,
      `  unchanged  ${unchanged}`,
      `  rejected   ${rejectedRows}`,
    ].join('\n'),
  );
  if (rejections.length) out(`rejected rows:\n${formatRejections(rejections)}`);
  if (failure) {
    if (failure instanceof CliError && sent < rows.length) {
      const nextLine = rows[sent]?.line;
      throw new CliError(
        `${failure.message}\nstopped: rows from line ${nextLine ?? '?'} on were not imported (re-running the file is safe)`,
        failure.exitCode,
      );
    }
    throw failure;
  }
  if (rejectedRows) throw new CliError(`${rejectedRows} of ${rows.length} row(s) rejected`);
}

interface CatalogueAnswer {
  rows: number;
  recorded: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ line: number; reason: string }>;
}

async function importCatalogue(file: string, opts: ConnOpts & { chunk: number }): Promise<void> {
  const base = resolveRegistryUrl(opts.url);
  const { key } = resolveApiKey(opts.key);
  assertFile(file);
  const ext = extname(file).toLowerCase();
  if (ext !== '.jsonl' && ext !== '.ndjson') {
    throw new CliError(
      `${file}: expected a JSON Lines file (.jsonl or .ndjson), got "${ext || 'no extension'}"`,
      2,
    );
  }
  const text = readFileSync(file, 'utf8');
  const chunks = jsonlChunks(text, opts.chunk);
  const total = chunks.reduce((n, c) => n + c.records, 0);
  if (total === 0) {
    out(`${file}: no lines to import`);
    return;
  }
  log(`importing ${total} catalogue entries from ${file} into ${base}`);
  const started = Date.now();
  const progress = rowsProgress(total, 'catalogue', process.stderr, 'entries');
  const totals = { recorded: 0, unchanged: 0, rejected: 0, done: 0 };
  const errors: Array<{ line: number; reason: string }> = [];
  let failure: Error | undefined;
  try {
    for (const chunk of chunks) {
      const answer = (await postToRegistry(
        base,
        '/catalogue/iso',
        key,
        'application/x-ndjson',
        chunk.text,
      )) as Partial<CatalogueAnswer>;
      if (typeof answer?.recorded !== 'number') {
        throw new CliError(
          `unexpected answer from POST /catalogue/iso: ${JSON.stringify(answer).slice(0, 300)}`,
        );
      }
      totals.recorded += answer.recorded;
      totals.unchanged += answer.unchanged ?? 0;
      totals.rejected += answer.rejected ?? 0;
      for (const e of answer.errors ?? [])
        errors.push({ line: e.line + chunk.firstLine - 1, reason: e.reason });
      totals.done += chunk.records;
      progress.update(totals.done);
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
  } finally {
    progress.stop();
  }
  const ms = Date.now() - started;
  if (totals.done === 0 && failure) throw failure;
  out(
    [
      `${file}: ${totals.done === total ? `${total} entries` : `${totals.done} of ${total} entries sent`} ` +
        `in ${(ms / 1000).toFixed(1)} s (${rowsPerSecond(totals.done, ms)} entries/s)`,
      `  recorded   ${totals.recorded}`,
      `  unchanged  ${totals.unchanged}`,
      `  rejected   ${totals.rejected}`,
    ].join('\n'),
  );
  if (errors.length) {
    out(`rejected lines:\n${errors.map((e) => `line ${e.line}: ${e.reason}`).join('\n')}`);
  }
  if (failure) throw failure;
  if (totals.rejected) throw new CliError(`${totals.rejected} catalogue line(s) rejected`);
}
