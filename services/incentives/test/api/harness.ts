import { BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, serviceEnv, type TestNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';

export type Client = ReturnType<typeof apiClient>;

/**
 * The registry and `replicas` incentives instances in-process, in one test namespace: the
 * registry publishes real events, every incentives replica follows them.
 */
export async function platform(names: TestNames, replicas = 1) {
  const apps: NestExpressApplication[] = [];
  const regEnv = await serviceEnv(names, 'registry');
  const { registryService } = await import('@highland/registry');
  const regConfig = parseConfig(BaseConfig, regEnv);
  const registryApp = await createService(registryService(regConfig));
  await listen(registryApp, regConfig);
  apps.push(registryApp);
  const registry = apiClient(`http://127.0.0.1:${regEnv.PORT}`, regEnv.HIGHLAND_BOOTSTRAP_OFFICE_KEY);

  const { incentivesService } = await import('../../src/service.js');
  const bases: string[] = [];
  let officeKey = '';
  for (let i = 0; i < replicas; i++) {
    const env = await serviceEnv(names, 'incentives');
    // every replica shares the first one's office key (the bootstrap key of the namespace)
    if (i > 0) env.HIGHLAND_BOOTSTRAP_OFFICE_KEY = officeKey;
    officeKey = env.HIGHLAND_BOOTSTRAP_OFFICE_KEY;
    const config = parseConfig(BaseConfig, env);
    const app = await createService(incentivesService(config));
    await listen(app, config);
    apps.push(app);
    bases.push(`http://127.0.0.1:${env.PORT}`);
  }
  const office = bases.map((b) => apiClient(b, officeKey));

  /** Registers a participant and returns a client per replica with its own key. */
  async function participant(
    id: string,
    role: 'enterprise' | 'reviewer' | 'finance',
    name: string,
    organisation = name,
  ) {
    const reg = await office[0]!.post('/participants', { participantId: id, role, name, organisation });
    if (reg.status !== 201 && reg.status !== 200)
      throw new Error(`participant ${id}: ${JSON.stringify(reg.body)}`);
    const issued = await office[0]!.post(`/participants/${id}/keys`);
    if (issued.status !== 201) throw new Error(`key ${id}: ${JSON.stringify(issued.body)}`);
    const clients = bases.map((b) => apiClient(b, issued.body.key as string));
    // the key and the participant reach the other replicas through NATS: wait until they know both
    for (const c of clients)
      for (let i = 0; i < 100 && (await c.get('/applications')).status !== 200; i++)
        await new Promise((r) => setTimeout(r, 50));
    return clients as [Client, ...Client[]];
  }

  return {
    registry,
    office,
    bases,
    participant,
    anonymous: apiClient(bases[0]!),
    async close() {
      for (const app of apps.reverse()) await app.close();
    },
  };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
export const today = () => day(0);
export const daysAgo = (n: number) => day(-n);
