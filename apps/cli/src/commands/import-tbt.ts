import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Command } from 'commander';
import { assertFile, resolveApiKey } from '../ops/import.js';
import { rowsProgress } from '../ops/progress.js';
import { reason } from '../ops/connect.js';
import { CliError, log } from '../output.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface TbtReport {
  rows: number;
  recorded: number;
  unchanged: number;
  rejected: number;
  withRemarks?: number;
  results: Array<{
    line: number;
    status: string;
    errors?: Array<{ field: string; reason: string }>;
    warnings?: string[];
  }>;
}

export function resolveTbtUrl(
  option: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  const raw = option ?? env.HIGHLAND_TBT_URL ?? `http://127.0.0.1:${env.HIGHLAND_TBT_PORT ?? 18103}`;
  try {
    return new URL(raw).toString().replace(/\/+$/, '');
  } catch {
    throw new CliError(`"${raw}" is not a URL (expected like http://127.0.0.1:18103)`, 2);
  }
}

/**
 * A CSV export in chunks of whole records (cells may hold line breaks), each sent with the header,
 * so a progress bar can move and every reported line maps back to the file.
 */
export function csvChunks(
  text: string,
  size: number,
): Array<{ body: string; lineOffset: number; records: number }> {
  // csv-parse types its sync result as string[][] whatever the options; with raw + info it is records.
  const records = parse(text, {
    bom: true,
    raw: true,
    info: true,
    relax_column_count: true,
  }) as unknown as Array<{ raw: string; info: { lines: number } }>;
  if (records.length === 0) return [];
  const header = records[0]!.raw.replace(/\r?\n$/, '');
  const rows = records.slice(1);
  const chunks = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    // info.lines is where a record ends; its start follows the previous record's end.
    const firstLine = (i === 0 ? records[0]! : rows[i - 1]!).info.lines + 1;
    chunks.push({
      body: `${header}\n${part.map((r) => r.raw.replace(/\r?\n$/, '')).join('\n')}\n`,
      lineOffset: firstLine - 2,
      records: part.length,
    });
  }
  return chunks;
}

async function post(url: string, key: string, type: string, body: string | Blob): Promise<TbtReport> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      body,
      signal: AbortSignal.timeout(300_000),
    });
  } catch (err) {
    throw new CliError(
      `cannot reach the TBT service at ${url}: ${reason(err)}. Is \`./highland up\` running?`,
    );
  }
  const answer = (await res.json().catch(() => ({}))) as TbtReport & {
    detail?: string;
    errors?: Array<{ field: string; reason: string }>;
  };
  if (!res.ok) {
    const fields = (answer.errors ?? []).map((e) => `  ${e.field}: ${e.reason}`).join('\n');
    throw new CliError(
      `the TBT service refused the file (HTTP ${res.status}): ${answer.detail ?? ''}${fields ? `\n${fields}` : ''}`,
    );
  }
  return answer;
}

/** `./highland import tbt <file>`: an ePing export (.csv or .xlsx) into the TBT service. */
export function importTbtCommand(): Command {
  return new Command('tbt')
    .description('import an ePing export (.csv or .xlsx, as downloaded) into the TBT alert service')
    .argument('<file>', 'a .csv or .xlsx ePing export')
    .option('--url <base>', 'the TBT service base URL (default HIGHLAND_TBT_URL or http://127.0.0.1:18103)')
    .option(
      '--key <api key>',
      'API key with the scope tbt:notifications (default HIGHLAND_API_KEY or the office key)',
    )
    .action(async (file: string, opts: { url?: string; key?: string }) => {
      assertFile(file);
      const base = resolveTbtUrl(opts.url);
      const { key } = resolveApiKey(opts.key);
      const ext = extname(file).toLowerCase();
      const totals = { rows: 0, recorded: 0, unchanged: 0, rejected: 0, withRemarks: 0 };
      const rejected: string[] = [];
      const remarks: string[] = [];
      const add = (r: TbtReport, offset: number) => {
        totals.rows += r.rows;
        totals.recorded += r.recorded;
        totals.unchanged += r.unchanged;
        totals.rejected += r.rejected;
        totals.withRemarks += r.withRemarks ?? 0;
        for (const row of r.results.filter((x) => x.status !== 'rejected' && x.warnings)) {
          for (const w of row.warnings ?? []) remarks.push(`line ${row.line + offset}: ${w}`);
        }
        for (const row of r.results.filter((x) => x.status === 'rejected')) {
          for (const e of row.errors ?? [])
            rejected.push(`line ${row.line + offset}: ${e.field}: ${e.reason}`);
        }
      };
      if (ext === '.csv') {
        const chunks = csvChunks(readFileSync(file, 'utf8'), 200);
        const progress = rowsProgress(
          chunks.reduce((n, c) => n + c.records, 0),
          'tbt',
          process.stderr,
          'rows',
        );
        let done = 0;
        try {
          for (const c of chunks) {
            add(await post(`${base}/notifications/import`, key, 'text/csv', c.body), c.lineOffset);
            progress.update((done += c.records));
          }
        } finally {
          progress.stop();
        }
      } else if (ext === '.xlsx') {
        log(`sending ${file} …`);
        add(await post(`${base}/notifications/import`, key, XLSX, new Blob([readFileSync(file)])), 0);
      } else {
        throw new CliError(
          `${file}: expected an ePing export (.csv or .xlsx), got "${ext || 'no extension'}"`,
          2,
        );
      }
      process.stdout.write(
        `${file}: ${totals.rows} rows\n  recorded   ${totals.recorded}\n  unchanged  ${totals.unchanged}\n  rejected   ${totals.rejected}\n` +
          `  recorded with remarks: ${totals.withRemarks}\n` +
          (remarks.length ? `remarks:\n${remarks.join('\n')}\n` : '') +
          (rejected.length ? `rejected rows:\n${rejected.join('\n')}\n` : ''),
      );
      if (totals.rejected > 0) process.exitCode = 1;
    });
}
