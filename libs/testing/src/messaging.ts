import { type NatsHandle, connectNats, ensureStream, Topology } from '@highland/messaging';
import { inject } from 'vitest';
import './context.js';
import type { TestNames } from './names.js';

export interface MessagingFixture {
  nats: NatsHandle;
  topology: Topology;
  /** Deletes this file's streams and closes the connection. */
  dispose(): Promise<void>;
}

/** A NATS connection and a namespace of this test file's own, with the given services' streams. */
export async function messagingFixture(names: TestNames, services: string[] = []): Promise<MessagingFixture> {
  const nats = await connectNats({
    url: inject('natsUrl'),
    name: `test-${names.prefix}`,
    credentialsFile: inject('natsCredentialsFile') || undefined,
  });
  const topology = new Topology(names.prefix.toLowerCase());
  for (const s of services) await ensureStream(nats.jsm, topology.eventStream(s));
  await ensureStream(nats.jsm, topology.dlqStream());
  return {
    nats,
    topology,
    dispose: async () => {
      const prefix = `${names.prefix.toUpperCase()}_`;
      for await (const si of nats.jsm.streams.list()) {
        if (si.config.name.startsWith(prefix))
          await nats.jsm.streams.delete(si.config.name).catch(() => false);
      }
      await nats.close();
    },
  };
}
