import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '@highland/service-kit';
import { describe, expect, it } from 'vitest';
import { generateSecretKey } from '../src/adapters/secret-box.js';
import { TbtConfig, webhookRetries } from '../src/config.js';

const base = {
  PORT: '18103',
  NATS_URL: 'nats://127.0.0.1:4222',
  MONGO_URL: 'mongodb://127.0.0.1:27017/highland_tbt',
};

describe('TbtConfig', () => {
  it('defaults as the service always did', () => {
    const config = parseConfig(TbtConfig, base);
    expect(config.TBT_OUTBOX_DIR).toBe(join(tmpdir(), 'highland-outbox'));
    expect(config.TBT_SCHEDULER_INTERVAL_MS).toBe(600_000);
    expect(config.TBT_SMTP_URL).toBeUndefined();
    expect(config.TBT_MAIL_FROM).toBe('highland-tbt@localhost');
    const retries = webhookRetries(config);
    const hour = 3_600_000;
    // 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, then every 4 h; one attempt more than delays.
    expect(retries.backoffMs).toEqual([
      10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, hour, 2 * hour, 4 * hour, 4 * hour, 4 * hour,
      4 * hour, 4 * hour,
    ]); // prettier-ignore
    expect(retries.maxDeliver).toBe(14);
  });

  it('reads the variables, the webhook delays as comma-separated milliseconds', () => {
    const config = parseConfig(TbtConfig, {
      ...base,
      TBT_OUTBOX_DIR: '/data/outbox',
      TBT_SCHEDULER_INTERVAL_MS: '1000',
      TBT_SMTP_URL: 'smtp://mail.example:587',
      TBT_MAIL_FROM: 'tbt@district.example',
      TBT_WEBHOOK_BACKOFF_MS: '300,300,1000',
    });
    expect(config).toMatchObject({
      TBT_OUTBOX_DIR: '/data/outbox',
      TBT_SCHEDULER_INTERVAL_MS: 1000,
      TBT_SMTP_URL: 'smtp://mail.example:587',
      TBT_MAIL_FROM: 'tbt@district.example',
    });
    expect(webhookRetries(config)).toEqual({ backoffMs: [300, 300, 1000], maxDeliver: 4 });
    const capped = parseConfig(TbtConfig, { ...base, TBT_WEBHOOK_MAX_DELIVER: '2' });
    expect(webhookRetries(capped).maxDeliver).toBe(2);
  });

  it('bounds every webhook call and allows no internal host unless told', () => {
    const config = parseConfig(TbtConfig, base);
    expect(config).toMatchObject({
      TBT_WEBHOOK_ALLOWED_HOSTS: [],
      TBT_WEBHOOK_CONNECT_TIMEOUT_MS: 5_000,
      TBT_WEBHOOK_TIMEOUT_MS: 10_000,
      TBT_WEBHOOK_MAX_RESPONSE_BYTES: 65_536,
    });
    const allowed = parseConfig(TbtConfig, {
      ...base,
      TBT_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1, hooks.internal:8443',
    });
    expect(allowed.TBT_WEBHOOK_ALLOWED_HOSTS).toEqual([
      { hostname: '127.0.0.1' },
      { hostname: 'hooks.internal', port: 8443 },
    ]);
    expect(() =>
      parseConfig(TbtConfig, { ...base, TBT_WEBHOOK_ALLOWED_HOSTS: 'http://hooks.internal/' }),
    ).toThrow(/TBT_WEBHOOK_ALLOWED_HOSTS: 'http:\/\/hooks.internal\/' is not host or host:port/);
  });

  it('requires the secrets key in production only, and never quotes it when refusing it', () => {
    expect(parseConfig(TbtConfig, base).TBT_SECRETS_KEY).toBeUndefined();
    expect(() => parseConfig(TbtConfig, { ...base, NODE_ENV: 'production' })).toThrow(
      /TBT_SECRETS_KEY: required in production/,
    );
    const key = generateSecretKey();
    const config = parseConfig(TbtConfig, {
      ...base,
      NODE_ENV: 'production',
      TBT_SECRETS_KEY: `k2025:${key}`,
    });
    expect(config.TBT_SECRETS_KEY).toEqual([{ id: 'k2025', key: Buffer.from(key, 'base64') }]);
    const short = Buffer.alloc(16, 7).toString('base64');
    let message = '';
    try {
      parseConfig(TbtConfig, { ...base, TBT_SECRETS_KEY: `k1:${short}` });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/TBT_SECRETS_KEY: key k1: must be 32 bytes in base64/);
    expect(message).not.toContain(short);
  });

  it('refuses bad values, naming each variable', () => {
    const bad = () =>
      parseConfig(TbtConfig, {
        ...base,
        TBT_WEBHOOK_BACKOFF_MS: '10s,1m',
        TBT_SCHEDULER_INTERVAL_MS: 'often',
        TBT_SMTP_URL: 'mail.example',
      });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/TBT_WEBHOOK_BACKOFF_MS: milliseconds, comma-separated/);
    expect(bad).toThrow(/TBT_SCHEDULER_INTERVAL_MS/);
    expect(bad).toThrow(/TBT_SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
  });
});
