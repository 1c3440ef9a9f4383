import { describe, expect, it } from 'vitest';
import {
  aggregateFilter,
  catalog,
  eventSubject,
  findContract,
  newEventId,
  parseEventSubject,
  StandardStageChangedV1,
} from '../src/index.js';

const valid = {
  id: newEventId(),
  type: 'registry.standard-stage-changed',
  version: 1,
  source: 'registry',
  aggregate: { type: 'standard', id: 'std-abc', seq: 2 },
  occurredAt: '2026-11-26T08:00:00.000Z',
  actor: { department: 'agriculture', user: 'li.wei' },
  reason: 'public comment closed',
  correlationId: 'req-1',
  data: {
    code: 'NY/T 1234-2026',
    from: 'drafting',
    to: 'public-comment',
    isoStage: '40.20',
    on: '2026-11-26',
  },
};

describe('event envelope', () => {
  it('accepts a complete event and names the field of a broken one', () => {
    expect(StandardStageChangedV1.envelope.safeParse(valid).success).toBe(true);
    const bad = StandardStageChangedV1.envelope.safeParse({
      ...valid,
      actor: { department: 'Agri Culture', user: '' },
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['actor.department', 'actor.user']);
  });

  it('refuses an event id that is not a UUIDv7, and unknown fields', () => {
    expect(
      StandardStageChangedV1.envelope.safeParse({ ...valid, id: '6f1c1a3e-7d3b-4c4e-9a55-1b7f0a0c1d2e' })
        .success,
    ).toBe(false);
    expect(StandardStageChangedV1.envelope.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });

  it('makes event ids that are distinct UUIDv7s in creation order, across pool refills', () => {
    const ids = Array.from({ length: 5_000 }, () => newEventId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    ).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    // The timestamp is the creation time in ms (within the run of this test).
    const ms = parseInt(ids[0]!.replaceAll('-', '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });

  it('builds and parses subjects; aggregate ids must be subject tokens', () => {
    const subject = eventSubject('registry', 'standard-registered', 1, 'std-1_A');
    expect(subject).toBe('registry.evt.standard-registered.v1.std-1_A');
    expect(parseEventSubject(subject)).toEqual({
      service: 'registry',
      event: 'standard-registered',
      version: 1,
      aggregateId: 'std-1_A',
    });
    expect(aggregateFilter('registry', 'std-1')).toBe('registry.evt.*.*.std-1');
    expect(() => eventSubject('registry', 'x', 1, 'GB/T 1.1')).toThrow(/subject token/);
  });

  it('has one contract per type and version', () => {
    const keys = catalog.map((c) => `${c.type}@${c.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findContract('registry.standard-stage-changed', 1)).toBe(StandardStageChangedV1);
    expect(findContract('registry.standard-stage-changed', 9)).toBeUndefined();
  });
});
