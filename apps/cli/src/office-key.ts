import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { highlandHome } from '@highland/infra';

/** The local office key: made once, kept in .highland/office.key (mode 600), given to services at start. */
export function officeKeyFile(): string {
  return join(highlandHome(), 'office.key');
}

export function ensureOfficeKey(): string {
  if (process.env.HIGHLAND_OFFICE_KEY) return process.env.HIGHLAND_OFFICE_KEY;
  const file = officeKeyFile();
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(highlandHome(), { recursive: true });
  const key = `hl_office_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
