/// <reference lib="dom" />
// The platform as users meet it: separate service processes, a browser on the dashboard, and one
// trace from an HTTP request through NATS into another process.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@highland/infra';
import {
  apiClient,
  serviceEnv,
  startServiceProcess,
  type ServiceProcess,
  testNames,
} from '@highland/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const names = testNames(import.meta.url);
const logDir = mkdtempSync(join(tmpdir(), 'highland-e2e-'));
const traceFile = join(logDir, 'spans.jsonl');
const artifacts = join(repoRoot(), 'test-artifacts');
let registry: ServiceProcess;
let reporting: ServiceProcess;
let office: ReturnType<typeof apiClient>;
let browser: Browser | undefined;

beforeAll(async () => {
  const regEnv = await serviceEnv(names, 'registry');
  const repEnv = {
    ...(await serviceEnv(names, 'reporting')),
    HIGHLAND_BOOTSTRAP_OFFICE_KEY: regEnv.HIGHLAND_BOOTSTRAP_OFFICE_KEY,
  };
  const common = { HIGHLAND_TRACE_FILE: traceFile, LOG_LEVEL: 'info' };
  [registry, reporting] = await Promise.all([
    startServiceProcess('registry', { ...regEnv, ...common }, logDir),
    startServiceProcess('reporting', { ...repEnv, ...common }, logDir),
  ]);
  office = apiClient(registry.url, regEnv.HIGHLAND_BOOTSTRAP_OFFICE_KEY);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([registry?.stop(), reporting?.stop()]);
  rmSync(logDir, { recursive: true, force: true });
});

const adoption = (code: string) => ({
  code,
  title: { zh: '水泥化学分析方法', en: 'Methods for chemical analysis of cement' },
  ics: ['91.100.10'],
  sector: 'cement',
  work: { kind: 'adopt', adoptedCode: 'ISO 29581-1:2009', degree: 'MOD' },
  stage: 'published',
  publishedOn: '2014-08-01',
});

interface Span {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}
const spans = (): Span[] =>
  existsSync(traceFile)
    ? readFileSync(traceFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Span)
    : [];

describe('one trace across processes', () => {
  it('follows a request from the registry’s HTTP API through NATS into the reporting process', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await office.post('/standards', adoption('GB/T 40001-2014'), {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(res.status).toBe(201);
    const deadline = Date.now() + 15_000;
    while (
      !spans().some((s) => s.service === 'reporting' && s.traceId === traceId) &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const ours = spans().filter((s) => s.traceId === traceId);
    expect(ours.some((s) => s.service === 'registry' && /^POST/.test(s.name))).toBe(true);
    const producer = ours.find(
      (s) => s.service === 'registry' && s.name === 'send registry.standard-registered',
    );
    const consumer = ours.find(
      (s) => s.service === 'reporting' && s.name === 'process registry.standard-registered',
    );
    expect(producer).toBeDefined();
    expect(consumer?.parentSpanId).toBe(producer!.spanId);
    // …and the log lines of both services carry the same trace id.
    expect(readFileSync(registry.logFile, 'utf8')).toContain(`"trace_id":"${traceId}"`);
  });
});

describe('dashboard in a real browser', () => {
  it('shows the seed plan, moves a bar live when a registry event arrives, and switches language', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `no Chromium at ${CHROMIUM}: install Debian's chromium package (./highland test does so when run as root)`,
      );
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${reporting.url}/`);
    await page.waitForSelector('[data-indicator="intl-adopted"]');
    expect(await page.locator('[data-indicator]').count()).toBe(14);
    await page.waitForFunction(() => document.getElementById('live')?.classList.contains('on'));
    const value = page.locator('[data-indicator="intl-adopted"] [data-role="value"]');
    const before = Number(await value.textContent());

    expect((await office.post('/standards', adoption('GB/T 40002-2014'))).status).toBe(201);
    await page.waitForFunction(
      (b) =>
        Number(document.querySelector('[data-indicator="intl-adopted"] [data-role="value"]')?.textContent) ===
        b + 1,
      before,
      { timeout: 10_000 },
    );
    const width = await page
      .locator('[data-indicator="intl-adopted"] [data-role="fill"]')
      .evaluate((el) => (el as HTMLElement).style.width);
    expect(parseFloat(width)).toBeGreaterThan(0);

    // Keyboard: focus the card and open its detail with Enter.
    await page.locator('[data-indicator="intl-adopted"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail:not([hidden]) #items li');
    expect(await page.locator('#items').textContent()).toContain('GB/T 40002-2014');

    await page.click('#lang');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Technical standards highland');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifacts, 'dashboard-phone.png') });
    expect(errors).toEqual([]);
  });
});
