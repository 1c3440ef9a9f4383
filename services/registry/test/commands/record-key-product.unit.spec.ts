// Everything a key-product request was accepted with reaches its event: `since` dates the
// adoption that reporting counts, and was once dropped silently.
import { describe, expect, it } from 'vitest';
import { recordKeyProduct, RecordKeyProductInput } from '../../src/commands/record-key-product.js';
import { reduce } from '../../src/domain/aggregates/state.js';
import type { EventEnvelope } from '@highland/contracts';

const body = (since?: string) =>
  RecordKeyProductInput.parse({
    enterprise: 'Gulou Tea Co.',
    product: 'Jasmine tea',
    field: 'tea',
    adoptedStandard: 'ISO 3720:2011',
    ...(since ? { since } : {}),
    reason: 'annual survey',
  });

const applied = (data: unknown) =>
  reduce(undefined, {
    type: 'registry.key-product-recorded',
    data,
    actor: { department: 'agriculture', user: 'li' },
    occurredAt: '2024-05-01T00:00:00Z',
  } as EventEnvelope);

describe('recordKeyProduct', () => {
  it('puts since into the event, and the same since again changes nothing', () => {
    const first = recordKeyProduct(body('2024-03-01')).decide(undefined);
    expect(first?.data).toMatchObject({ since: '2024-03-01', adoptsInternational: true });
    const entry = { state: applied(first!.data), version: 1, streamSeq: 1 };
    expect(recordKeyProduct(body('2024-03-01')).decide(entry)).toBeUndefined();
    expect(recordKeyProduct(body('2024-04-01')).decide(entry)?.data).toMatchObject({ since: '2024-04-01' });
  });

  it('leaves since out when none was given', () => {
    expect(recordKeyProduct(body()).decide(undefined)?.data).not.toHaveProperty('since');
  });
});
