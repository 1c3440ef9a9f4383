import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may point (SSRF). Only http and https, no credentials in the URL, and only to
 * public unicast addresses: loopback, link-local (cloud metadata at 169.254.169.254), private,
 * unique-local, carrier-grade NAT, multicast, broadcast, unspecified and reserved addresses are
 * refused, in any spelling the URL parser accepts (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`),
 * and so are `localhost` names — unless the office allows the host (and port) explicitly
 * (`TBT_WEBHOOK_ALLOWED_HOSTS`). A URL is checked when a profile is recorded and before every
 * delivery; a name's resolved addresses are checked again when the connection is made
 * (`webhook-client.ts`), so a name that later resolves to an internal address (DNS rebinding)
 * is refused too.
 */
export interface AllowedHost {
  /** As the URL parser writes it: lower case, IPv4 canonical, IPv6 in brackets. */
  hostname: string;
  /** Any port when absent. */
  port?: number;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  linkLocal: 'a link-local address',
  private: 'a private address',
  uniqueLocal: 'a unique-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  unspecified: 'the unspecified address',
  reserved: 'a reserved address',
};
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** Why a connection to this IP address is refused; undefined for a public unicast address. */
export function refuseAddress(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address it carries.
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'unicast') {
    // ::a.b.c.d (deprecated IPv4-compatible) is "unicast" to ipaddr.js, and never a public host.
    if (ip.kind() === 'ipv6' && ip.match(IPV4_COMPATIBLE)) return `${address} is an IPv4-compatible address`;
    return undefined;
  }
  return `${address} is ${RANGE_NAMES[range] ?? `not a public unicast address (${range})`}`;
}

function isLocalhostName(hostname: string): boolean {
  const name = hostname.replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === 'localhost.localdomain';
}

const defaultPort = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/**
 * Reads `TBT_WEBHOOK_ALLOWED_HOSTS`: comma-separated `host` or `host:port` (`[::1]:8080` for
 * IPv6). Throws with the entry that is not one.
 */
export function parseAllowedHosts(list: string): AllowedHost[] {
  const out: AllowedHost[] = [];
  for (const raw of list.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/@\s]+)(?::(\d{1,5}))?$/.exec(entry);
    let hostname: string | undefined;
    try {
      if (m) hostname = new URL(`http://${m[1]}`).hostname;
    } catch {
      hostname = undefined;
    }
    const port = m?.[2] === undefined ? undefined : Number(m[2]);
    if (!hostname || (port !== undefined && (port < 1 || port > 65_535)))
      throw new Error(`'${entry}' is not host or host:port`);
    out.push({ hostname, ...(port === undefined ? {} : { port }) });
  }
  return out;
}

export class WebhookTargetPolicy {
  constructor(readonly allowed: readonly AllowedHost[] = []) {}

  /** The office allowed this URL's host (and port) explicitly: no address check applies. */
  isAllowListed(url: URL): boolean {
    const port = defaultPort(url);
    return this.allowed.some((a) => a.hostname === url.hostname && (a.port === undefined || a.port === port));
  }

  /**
   * Why this URL may not be a webhook target; undefined when it may. A name is judged here only
   * by what it says (`localhost`); its addresses are checked when it is connected to.
   */
  refuseUrl(value: string | URL): string | undefined {
    let url: URL;
    try {
      url = typeof value === 'string' ? new URL(value) : value;
    } catch {
      return 'not a URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs';
    if (url.username !== '' || url.password !== '') return 'credentials do not belong in the URL';
    if (this.isAllowListed(url)) return undefined;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) {
      const refused = refuseAddress(host);
      return refused && `${refused}, not allowed as a webhook target (TBT_WEBHOOK_ALLOWED_HOSTS)`;
    }
    if (isLocalhostName(host)) return `${host} is a localhost name, not allowed as a webhook target`;
    return undefined;
  }
}
