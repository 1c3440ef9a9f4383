import type { JsMsg } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { deliveryOf } from '../src/index.js';

/** A message whose nats.js parse would say `info`; the fast path must not need it. */
const message = (reply: string, info?: object): JsMsg =>
  ({
    reply,
    get info() {
      if (!info) throw new Error('m.info read');
      return info;
    },
  }) as unknown as JsMsg;

describe('deliveryOf', () => {
  it('reads both reply subject forms without nats.js', () => {
    expect(deliveryOf(message('$JS.ACK.REG.view.3.1042.7.1732600000000000000.12'))).toEqual({
      deliveryCount: 3,
      streamSeq: 1042,
      pending: 12,
    });
    expect(
      deliveryOf(message('$JS.ACK.hub.ACCHASH.REG.view.1.9007199254740.5.1732600000000000000.0.x7Yz')),
    ).toEqual({
      deliveryCount: 1,
      streamSeq: 9007199254740,
      pending: 0,
    });
    expect(deliveryOf(message('$JS.ACK._.ACCHASH.REG.view.2.5.5.1732600000000000000.4'))).toEqual({
      deliveryCount: 2,
      streamSeq: 5,
      pending: 4,
    });
  });

  it('leaves anything else to nats.js', () => {
    const info = { streamSequence: 7, deliveryCount: 1, pending: 0 };
    expect(deliveryOf(message('_INBOX.abc', info))).toEqual({ streamSeq: 7, deliveryCount: 1, pending: 0 });
    expect(deliveryOf(message('$JS.ACK.REG.view.x.7.1.1.0', info))).toEqual({
      streamSeq: 7,
      deliveryCount: 1,
      pending: 0,
    });
    expect(deliveryOf(message('$JS.ACK.too.few.1.2', info)).streamSeq).toBe(7);
    expect(() => deliveryOf(message('nonsense'))).toThrow('m.info read');
  });
});
