import { jetstreamManager } from '@nats-io/jetstream';
import { seedAuthenticator } from '@highland/messaging';
import { connect } from '@nats-io/transport-node';
import { MongoClient } from 'mongodb';

async function retryUntil<T>(what: string, timeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(
    `${what} not ready after ${timeoutMs} ms: ${last instanceof Error ? last.message : String(last)}`,
  );
}

/** NATS is ready when JetStream answers an account-info request. */
export function waitForNats(url: string, timeoutMs = 15_000, credentialsFile?: string): Promise<void> {
  const authenticator = seedAuthenticator(credentialsFile);
  return retryUntil(`NATS at ${url}`, timeoutMs, async () => {
    const nc = await connect({
      servers: url,
      timeout: 1_000,
      reconnect: false,
      ...(authenticator ? { authenticator } : {}),
    });
    try {
      await (await jetstreamManager(nc)).getAccountInfo();
    } finally {
      await nc.close();
    }
  });
}

/** The MongoDB-protocol store is ready when it answers `ping`. */
export function waitForMongo(url: string, timeoutMs = 15_000): Promise<void> {
  return retryUntil(`MongoDB-protocol store at ${url}`, timeoutMs, async () => {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
    try {
      await client.db('admin').command({ ping: 1 });
    } finally {
      await client.close();
    }
  });
}
