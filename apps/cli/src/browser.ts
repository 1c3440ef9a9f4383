import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { log } from './output.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The dashboard's end-to-end tests drive Debian's Chromium (no browser download). When it is
 * missing and we may install system packages (root with apt-get), bring it with a CJK font so
 * screenshots show Chinese; otherwise say what to install — the tests then fail with that message.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    log(
      `no Chromium at ${CHROMIUM}: the dashboard tests need it (apt-get install chromium fonts-wqy-microhei, or set CHROMIUM_PATH)`,
    );
    return;
  }
  log('installing Chromium and a CJK font for the dashboard tests (apt-get, first run only) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei'], {
    stdio: 'inherit',
    env,
  });
  if (update.status !== 0 || install.status !== 0)
    log('apt-get could not install Chromium; the dashboard tests will fail');
}
