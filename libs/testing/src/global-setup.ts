import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInfra } from '@highland/infra';
import { ADMIN_USER, seedFileIn } from '@highland/messaging';
import { MongoClient } from 'mongodb';
import type { TestProject } from 'vitest/node';
import { startContainers } from './containers.js';
import { dockerEngineAnswers } from './docker.js';
import './context.js';

/**
 * Servers for the int and e2e tiers, started once per run: NATS_URL/MONGO_URL when set; else
 * testcontainers when a Docker engine answers; else the embedded binaries on free ports with a
 * temporary data folder. Everything started here is stopped in the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let natsUrl = process.env.NATS_URL;
  let mongoUrl = process.env.MONGO_URL;
  let source: 'env' | 'testcontainers' | 'embedded' = 'env';
  let credentialsDir = natsUrl ? (process.env.HIGHLAND_NATS_CREDENTIALS ?? '') : '';
  let teardown = async () => {};

  if (!natsUrl || !mongoUrl) {
    if (process.env.HIGHLAND_TEST_NO_DOCKER !== '1' && (await dockerEngineAnswers())) {
      const c = await startContainers();
      natsUrl ??= c.natsUrl;
      mongoUrl ??= c.mongoUrl;
      source = 'testcontainers';
      teardown = () => c.stop();
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'highland-test-'));
      const infra = await startInfra({
        dataDir,
        tiedToThisProcess: true,
        adminUser: true,
        env: { ...process.env, NATS_URL: natsUrl, MONGO_URL: mongoUrl },
      });
      natsUrl = infra.natsUrl;
      mongoUrl = infra.mongoUrl;
      credentialsDir = infra.natsCredentialsDir ?? '';
      source = 'embedded';
      teardown = async () => {
        await infra.stop();
        rmSync(dataDir, { recursive: true, force: true });
      };
    }
  }

  project.provide('natsUrl', natsUrl);
  project.provide('mongoUrl', mongoUrl);
  project.provide('serverSource', source);
  project.provide('natsCredentialsDir', credentialsDir);
  project.provide('natsCredentialsFile', credentialsDir ? seedFileIn(credentialsDir, ADMIN_USER) : '');
  project.provide('mongoKind', await detectMongoKind(mongoUrl));
  return teardown;
}

// FerretDB answers buildInfo with a `ferretdb` section; real MongoDB does not.
async function detectMongoKind(url: string): Promise<'ferretdb' | 'mongodb'> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    return 'ferretdb' in info || JSON.stringify(info).toLowerCase().includes('ferretdb')
      ? 'ferretdb'
      : 'mongodb';
  } finally {
    await client.close();
  }
}
