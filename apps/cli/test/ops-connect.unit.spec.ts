import { freePort } from '@highland/infra';
import { describe, expect, it } from 'vitest';
import { keysCommand } from '../src/commands/keys.js';
import { describeTarget, resolveNamespace, resolveNatsTarget } from '../src/ops/connect.js';
import { CliError } from '../src/output.js';
import { runCommand, withEnv } from './run-command.js';

const noState = () => undefined;
const infraUp = () => ({ natsUrl: 'nats://127.0.0.1:31000' });

describe('NATS connection resolution', () => {
  it('prefers NATS_URL over the infra state and the default port', () => {
    expect(resolveNatsTarget({ NATS_URL: 'nats://nats:4222', HIGHLAND_NATS_PORT: '5000' }, infraUp)).toEqual({
      url: 'nats://nats:4222',
      source: 'NATS_URL',
      namespace: '',
    });
  });

  it('uses what `./highland infra up` left running when NATS_URL is not set', () => {
    expect(resolveNatsTarget({}, infraUp)).toMatchObject({
      url: 'nats://127.0.0.1:31000',
      source: '`./highland infra up`',
    });
  });

  it('falls back to the port `./highland up` uses: HIGHLAND_NATS_PORT, else 14222', () => {
    expect(resolveNatsTarget({}, noState).url).toBe('nats://127.0.0.1:14222');
    expect(resolveNatsTarget({ HIGHLAND_NATS_PORT: '24222' }, noState)).toMatchObject({
      url: 'nats://127.0.0.1:24222',
      source: 'HIGHLAND_NATS_PORT',
    });
    expect(resolveNatsTarget({ NATS_URL: '' }, noState).url).toBe('nats://127.0.0.1:14222');
  });

  it('ignores an unreadable infra state file', () => {
    const broken = () => {
      throw new SyntaxError('Unexpected token');
    };
    expect(resolveNatsTarget({}, broken).url).toBe('nats://127.0.0.1:14222');
  });

  it('refuses a bad port or namespace as a usage error', () => {
    for (const port of ['0', '70000', 'abc', '12.5']) {
      const err = (() => {
        try {
          resolveNatsTarget({ HIGHLAND_NATS_PORT: port }, noState);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode).toBe(2);
    }
    expect(() => resolveNamespace({ HIGHLAND_NAMESPACE: 'Bad.NS' })).toThrow(/lower-case/);
    expect(resolveNamespace({ HIGHLAND_NAMESPACE: 't1a2b' })).toBe('t1a2b');
    expect(resolveNamespace({})).toBe('');
  });

  it('describes where it looked', () => {
    expect(describeTarget({ url: 'nats://x:1', source: 'NATS_URL', namespace: 'ns' })).toBe(
      'nats://x:1 (from NATS_URL, namespace "ns")',
    );
  });

  it('says clearly when nothing answers, and exits 1', async () => {
    const port = await freePort();
    const res = await withEnv({ NATS_URL: `nats://127.0.0.1:${port}`, HIGHLAND_NAMESPACE: undefined }, () =>
      runCommand(keysCommand, ['list']),
    );
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain(`cannot reach NATS at nats://127.0.0.1:${port} (from NATS_URL)`);
    expect(res.stderr).toContain('Is `./highland up` running?');
  });
});
