import { headers, Match, MsgHdrsImpl } from '@nats-io/nats-core';
import { describe, expect, it } from 'vitest';
import { OutgoingHeaders } from '../src/outgoing-headers.js';

describe('OutgoingHeaders', () => {
  it('encodes exactly what nats.js headers encode, and decodes back', () => {
    const ours = new OutgoingHeaders();
    const theirs = headers() as MsgHdrsImpl;
    for (const h of [ours, theirs]) {
      h.set('Hl-Event-Type', 'registry.standard-registered');
      h.set('Hl-Event-Version', '1');
      h.set('Nats-Msg-Id', '019a0000-0000-7000-8000-000000000000');
      h.append('Hl-Event-Version', '2');
      h.set('Hl-Event-Type', 'registry.standard-stage-changed');
    }
    expect(new TextDecoder().decode(ours.encode())).toBe(new TextDecoder().decode(theirs.encode()));
    const decoded = MsgHdrsImpl.decode(ours.encode());
    expect(decoded.get('Hl-Event-Type')).toBe('registry.standard-stage-changed');
    expect(decoded.values('Hl-Event-Version')).toEqual(['1', '2']);
    expect(ours.last('Hl-Event-Version')).toBe('2');
    expect(ours.keys()).toEqual(['Hl-Event-Version', 'Nats-Msg-Id', 'Hl-Event-Type']);
  });

  it('matches names exactly by default and case-insensitively on request', () => {
    const h = new OutgoingHeaders();
    h.set('traceparent', '00-abc-def-01');
    expect(h.has('Traceparent')).toBe(false);
    expect(h.get('TRACEPARENT', Match.IgnoreCase)).toBe('00-abc-def-01');
    h.delete('TraceParent', Match.IgnoreCase);
    expect(h.has('traceparent')).toBe(false);
    expect(h.get('traceparent')).toBe('');
  });

  it('refuses line breaks in values and invalid characters in names', () => {
    const h = new OutgoingHeaders();
    expect(() => h.set('Hl-Correlation-Id', 'a\r\nInjected: 1')).toThrow(/cannot contain/);
    expect(() => h.set('Bad:Name', 'x')).toThrow(/not a valid character/);
    expect(() => h.set('Bad Name', 'x')).toThrow(/not a valid character/);
    expect(h.keys()).toEqual([]);
  });
});
