import { randomBytes } from 'node:crypto';
import { freePort } from '@highland/infra';
import { inject } from 'vitest';
import './context.js';
import type { TestNames } from './names.js';

export interface ServiceEnv {
  PORT: string;
  HOST: string;
  NATS_URL: string;
  MONGO_URL: string;
  HIGHLAND_NAMESPACE: string;
  HIGHLAND_BOOTSTRAP_OFFICE_KEY: string;
  LOG_LEVEL: string;
  [key: string]: string;
}

/** Environment for running a service in this test file's namespace and database, on a free port. */
export async function serviceEnv(names: TestNames, service: string): Promise<ServiceEnv> {
  const url = new URL(inject('mongoUrl'));
  url.pathname = `/${names.db}_${service}`;
  return {
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    NATS_URL: inject('natsUrl'),
    ...(inject('natsCredentialsFile') ? { NATS_CREDENTIALS_FILE: inject('natsCredentialsFile') } : {}),
    MONGO_URL: url.toString(),
    HIGHLAND_NAMESPACE: names.prefix.toLowerCase(),
    HIGHLAND_BOOTSTRAP_OFFICE_KEY: `hl_test_office_${randomBytes(16).toString('hex')}`,
    LOG_LEVEL: process.env.HIGHLAND_TEST_LOG_LEVEL ?? 'warn',
  };
}

/** A small JSON client for a service's HTTP API. */
export function apiClient(baseUrl: string, key?: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers as loose JSON
    return { status: res.status, headers: res.headers, body: json as Record<string, any> };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', path, body, headers),
  };
}
