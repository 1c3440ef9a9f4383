// SMTP delivery of reminders and digests (issue 16: "untested paths"): the Mailer against a real
// SMTP server on loopback (smtp-server, nodemailer's own server library), with authentication.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@highland/infra';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mailer } from '../../src/scheduling/mailer.js';

interface Received {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  raw: string;
}
const received: Received[] = [];
let server: SMTPServer;
let port: number;
const outbox = mkdtempSync(join(tmpdir(), 'highland-outbox-'));

beforeAll(async () => {
  port = await freePort();
  server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true, // loopback test server without TLS
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      if (auth.username === 'tbt' && auth.password === 's3cret') cb(null, { user: auth.username });
      else cb(new Error('invalid credentials'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(outbox, { recursive: true, force: true });
});

describe('Mailer over SMTP', () => {
  it('sends a mail with a recipient through the SMTP server, authenticated', async () => {
    const mailer = new Mailer({
      outboxDir: outbox,
      smtpUrl: `smtp://tbt:s3cret@127.0.0.1:${port}`,
      from: 'tbt@highland.example',
    });
    const id = await mailer.send({
      to: 'exporter@example.com',
      subject: 'TBT daily digest 2026-12-07: 2 new alert(s)',
      html: '<p>两条新通报 — two new notifications</p>',
      name: 'digest-exp-1-2026-12-07.html',
    });
    expect(id).toMatch(/^smtp:/);
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.user).toBe('tbt');
    expect(mail.from).toBe('tbt@highland.example');
    expect(mail.to).toEqual(['exporter@example.com']);
    expect(mail.raw).toMatch(/Subject: TBT daily digest 2026-12-07: 2 new alert\(s\)/);
    expect(mail.raw).toMatch(/text\/html/);
  });

  it('refuses to deliver with wrong credentials (the error reaches the caller, nothing is sent)', async () => {
    const before = received.length;
    const mailer = new Mailer({
      outboxDir: outbox,
      smtpUrl: `smtp://tbt:wrong@127.0.0.1:${port}`,
      from: 'tbt@highland.example',
    });
    await expect(
      mailer.send({ to: 'exporter@example.com', subject: 's', html: '<p>x</p>', name: 'x.html' }),
    ).rejects.toThrow(/invalid credentials|auth/i);
    expect(received.length).toBe(before);
  });

  it('writes a mail without a recipient to the outbox, not to SMTP', async () => {
    const before = received.length;
    const mailer = new Mailer({
      outboxDir: outbox,
      smtpUrl: `smtp://tbt:s3cret@127.0.0.1:${port}`,
      from: 'tbt@highland.example',
    });
    const file = await mailer.send({ subject: 's', html: '<p>for the office</p>', name: 'office.html' });
    expect(file).toBe(join(outbox, 'office.html'));
    expect(readFileSync(file, 'utf8')).toBe('<p>for the office</p>');
    expect(received.length).toBe(before);
  });

  it('fails fast when the SMTP server is not there', async () => {
    const mailer = new Mailer({
      outboxDir: outbox,
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
      from: 'tbt@highland.example',
    });
    await expect(
      mailer.send({ to: 'exporter@example.com', subject: 's', html: '<p>x</p>', name: 'y.html' }),
    ).rejects.toThrow(/ECONNREFUSED|connect/i);
  });
});
