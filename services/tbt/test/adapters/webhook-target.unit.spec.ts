// Where a webhook may point (SSRF): every internal range refused in every spelling the URL parser
// accepts, unless the office allows the host. Pure checks: nothing here opens a connection.
import { describe, expect, it } from 'vitest';
import { parseAllowedHosts, refuseAddress, WebhookTargetPolicy } from '../../src/adapters/webhook-target.js';

const policy = new WebhookTargetPolicy();

describe('refuseAddress', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a broadcast address'],
    ['0.0.0.0', 'the unspecified address'],
    ['192.0.2.1', 'a reserved address'],
    ['::1', 'a loopback address'],
    ['::', 'the unspecified address'],
    ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a unique-local address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:a9fe:a9fe', 'a link-local address'],
    ['::7f00:1', 'an IPv4-compatible address'],
    ['64:ff9b::7f00:1', 'not a public unicast address (rfc6052)'],
    ['2002:7f00:1::', 'not a public unicast address (6to4)'],
  ])('refuses %s (%s)', (address, why) => {
    expect(refuseAddress(address)).toBe(`${address} is ${why}`);
  });

  it.each(['8.8.8.8', '203.0.114.7', '2606:4700::1111', '::ffff:8.8.8.8'])('allows public %s', (address) => {
    expect(refuseAddress(address)).toBeUndefined();
  });
});

describe('WebhookTargetPolicy.refuseUrl', () => {
  it.each([
    ['http://127.0.0.1:19999/hooks', '127.0.0.1 is a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'], // decimal
    ['http://0x7f.1/', '127.0.0.1 is a loopback address'], // hex, short
    ['http://0177.0.0.1/', '127.0.0.1 is a loopback address'], // octal
    ['http://0x7f000001/', '127.0.0.1 is a loopback address'],
    ['http://127.1/', '127.0.0.1 is a loopback address'],
    ['http://127.0.0.1./', '127.0.0.1 is a loopback address'],
    ['http://0/', '0.0.0.0 is the unspecified address'],
    ['https://10.0.0.5/in', '10.0.0.5 is a private address'],
    ['http://[::1]:8080/', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is a loopback address'],
    ['http://[fd00::1]/', 'fd00::1 is a unique-local address'],
    ['http://[::]/', ':: is the unspecified address'],
  ])('refuses %s', (url, why) => {
    expect(policy.refuseUrl(url)).toBe(`${why}, not allowed as a webhook target (TBT_WEBHOOK_ALLOWED_HOSTS)`);
  });

  it.each([
    ['http://localhost:3000/', 'localhost is a localhost name, not allowed as a webhook target'],
    ['http://LOCALHOST./', 'localhost. is a localhost name, not allowed as a webhook target'],
    ['http://hooks.localhost/', 'hooks.localhost is a localhost name, not allowed as a webhook target'],
    ['ftp://exporter.example/', 'only http and https URLs'],
    ['file:///etc/passwd', 'only http and https URLs'],
    ['https://user:pass@exporter.example/', 'credentials do not belong in the URL'],
    ['https://token@exporter.example/', 'credentials do not belong in the URL'],
    ['not a url', 'not a URL'],
  ])('refuses %s', (url, why) => {
    expect(policy.refuseUrl(url)).toBe(why);
  });

  it('allows public names and addresses (names are checked again when connected to)', () => {
    expect(policy.refuseUrl('https://hooks.exporter.example/tbt')).toBeUndefined();
    expect(policy.refuseUrl('http://8.8.8.8/')).toBeUndefined();
  });

  it('allows what the office allows, host or host:port, and nothing more', () => {
    const office = new WebhookTargetPolicy(parseAllowedHosts('127.0.0.1:8080, hooks.internal ,[::1]:9000'));
    expect(office.refuseUrl('http://127.0.0.1:8080/in')).toBeUndefined();
    expect(office.refuseUrl('http://2130706433:8080/in')).toBeUndefined(); // the same host, spelled otherwise
    expect(office.refuseUrl('http://127.0.0.1:8081/in')).toMatch(/loopback/);
    expect(office.refuseUrl('http://hooks.internal/in')).toBeUndefined();
    expect(office.refuseUrl('https://HOOKS.internal:8443/in')).toBeUndefined();
    expect(office.refuseUrl('http://[::1]:9000/')).toBeUndefined();
    expect(office.refuseUrl('http://[::1]:9001/')).toMatch(/loopback/);
    expect(office.refuseUrl('http://user:pw@hooks.internal/')).toBe('credentials do not belong in the URL');
    expect(office.isAllowListed(new URL('http://other.internal/'))).toBe(false);
    // A port-less entry with the scheme's default port.
    const https = new WebhookTargetPolicy(parseAllowedHosts('hooks.internal:443'));
    expect(https.refuseUrl('https://hooks.internal/')).toBeUndefined();
    expect(https.isAllowListed(new URL('http://hooks.internal/'))).toBe(false);
  });

  it('reads the allow-list, refusing what is not host or host:port', () => {
    expect(parseAllowedHosts('')).toEqual([]);
    expect(parseAllowedHosts('A.Example,10.0.0.1:80')).toEqual([
      { hostname: 'a.example' },
      { hostname: '10.0.0.1', port: 80 },
    ]);
    expect(() => parseAllowedHosts('http://a.example')).toThrow(
      "'http://a.example' is not host or host:port",
    );
    expect(() => parseAllowedHosts('a.example:99999')).toThrow('is not host or host:port');
    expect(() => parseAllowedHosts('user@a.example')).toThrow('is not host or host:port');
  });
});
