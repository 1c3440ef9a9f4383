// Servers for the chaos tier: NATS and the store as two processes of the embedded binary (each can
// be restarted alone, on the same port and data folder), then the harness's own global setup on
// them (it takes NATS_URL/MONGO_URL as given). The test file asks for a restart through a small
// HTTP control endpoint: the processes belong to this (the main) process, which outlives the
// test workers and stops everything in the teardown.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedNats, startInfra, type EmbeddedNats, type Infra } from '@highland/infra';
import harnessSetup from '@highland/testing/global-setup';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the control endpoint: POST /restart/nats?downMs=…, POST /restart/store?downMs=… */
    chaosControl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'highland-chaos-'));
  const natsPort = await freePort();
  const mongoPort = await freePort();
  // With the platform's users, as `up` starts it: the services connect as themselves.
  let nats: EmbeddedNats = await startEmbeddedNats({ port: natsPort, dataDir, auth: true });
  const credentialsDir = nats.credentialsDir!;
  // The store alone: startInfra starts only what has no URL, and NATS has one.
  const startStore = () =>
    startInfra({
      dataDir,
      mongoPort,
      tiedToThisProcess: true,
      env: {
        ...process.env,
        NATS_URL: nats.url,
        HIGHLAND_NATS_CREDENTIALS: credentialsDir,
        MONGO_URL: undefined,
      },
    });
  let store: Infra = await startStore();
  // The harness reads the URLs from the environment, once; other projects' setups (and their
  // workers) in the same run must not see ours.
  const saved = {
    NATS_URL: process.env.NATS_URL,
    MONGO_URL: process.env.MONGO_URL,
    HIGHLAND_NATS_CREDENTIALS: process.env.HIGHLAND_NATS_CREDENTIALS,
  };
  process.env.NATS_URL = nats.url;
  process.env.MONGO_URL = store.mongoUrl;
  process.env.HIGHLAND_NATS_CREDENTIALS = credentialsDir;
  let harnessTeardown: () => Promise<void>;
  try {
    harnessTeardown = await harnessSetup(project);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }

  const restarts: Record<string, (downMs: number) => Promise<void>> = {
    nats: async (downMs) => {
      await nats.stop();
      await new Promise((r) => setTimeout(r, downMs));
      nats = await startEmbeddedNats({ port: natsPort, dataDir, auth: true });
    },
    store: async (downMs) => {
      await store.stop();
      await new Promise((r) => setTimeout(r, downMs));
      store = await startStore();
    },
  };
  // One restart at a time; the answer comes once the server is back.
  const control = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    const which = /^\/restart\/(nats|store)$/.exec(url.pathname)?.[1];
    if (req.method !== 'POST' || !which) {
      res.writeHead(404).end();
      return;
    }
    const downMs = Math.min(60_000, Number(url.searchParams.get('downMs') ?? 0) || 0);
    restarts[which]!(downMs).then(
      () => res.writeHead(204).end(),
      (err: unknown) => res.writeHead(500).end(err instanceof Error ? err.message : String(err)),
    );
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
  project.provide('chaosControl', `http://127.0.0.1:${(control.address() as AddressInfo).port}`);

  return async () => {
    await new Promise<void>((r) => control.close(() => r()));
    await harnessTeardown();
    await store.stop();
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
