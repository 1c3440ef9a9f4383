import { Match, type MsgHdrs } from '@nats-io/nats-core';

const HEADER_LINE = 'NATS/1.0';
const validNames = new Set<string>();

function checkName(name: string): void {
  if (validNames.has(name)) return;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    // RFC 822 field names: printable ASCII except the colon.
    if (c === 58 || c < 33 || c > 126)
      throw new Error(`'${name[i]}' is not a valid character in a header name`);
  }
  validNames.add(name);
}

function checkValue(value: string): string {
  if (value.includes('\r') || value.includes('\n'))
    throw new Error('header values cannot contain \\r or \\n');
  return value.trim();
}

/**
 * Headers of an outgoing message. nats.js's own MsgHdrs canonicalises and re-scans every key on
 * each set (a microsecond per header); the event headers are a handful of fixed names, so this
 * keeps names as given (validated once per name), matches them exactly by default, and encodes
 * to the same wire format. nats.js only needs the MsgHdrs interface plus encode() to send it.
 */
export class OutgoingHeaders implements MsgHdrs {
  private readonly entries = new Map<string, string[]>();
  readonly code = 0;
  readonly description = '';
  readonly hasError = false;
  readonly status = '';

  [Symbol.iterator](): IterableIterator<[string, string[]]> {
    return this.entries.entries();
  }

  private key(name: string, match: Match): string | undefined {
    if (match === Match.Exact) return this.entries.has(name) ? name : undefined;
    const wanted = name.toLowerCase();
    for (const k of this.entries.keys()) if (k.toLowerCase() === wanted) return k;
    return undefined;
  }

  get(name: string, match: Match = Match.Exact): string {
    const k = this.key(name, match);
    return k === undefined ? '' : this.entries.get(k)![0]!;
  }

  last(name: string, match: Match = Match.Exact): string {
    const k = this.key(name, match);
    return k === undefined ? '' : this.entries.get(k)!.at(-1)!;
  }

  has(name: string, match: Match = Match.Exact): boolean {
    return this.key(name, match) !== undefined;
  }

  set(name: string, value: string, match: Match = Match.Exact): void {
    checkName(name);
    const checked = checkValue(value);
    const existing = this.key(name, match);
    // Like nats.js: a set moves the header to the end.
    if (existing !== undefined) this.entries.delete(existing);
    this.entries.set(name, [checked]);
  }

  append(name: string, value: string, match: Match = Match.Exact): void {
    checkName(name);
    const k = this.key(name, match) ?? name;
    const values = this.entries.get(k);
    if (values) values.push(checkValue(value));
    else this.entries.set(k, [checkValue(value)]);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  values(name: string, match: Match = Match.Exact): string[] {
    const k = this.key(name, match);
    return k === undefined ? [] : [...this.entries.get(k)!];
  }

  delete(name: string, match: Match = Match.Exact): void {
    const k = this.key(name, match);
    if (k !== undefined) this.entries.delete(k);
  }

  toString(): string {
    let s = HEADER_LINE;
    for (const [k, values] of this.entries) for (const v of values) s += `\r\n${k}: ${v}`;
    return `${s}\r\n\r\n`;
  }

  /** The wire form nats.js sends (it calls this on whatever MsgHdrs it is given). */
  encode(): Uint8Array {
    // Buffer (a Uint8Array) encodes short strings ~4× faster than TextEncoder.
    return Buffer.from(this.toString());
  }
}
