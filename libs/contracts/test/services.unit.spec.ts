import { describe, expect, it } from 'vitest';
import { eventProducers, POSITION_TAG, positionTags, producingServices } from '../src/index.js';

describe('event producers', () => {
  it('every producing service, each with a short position tag of its own', () => {
    expect(eventProducers.map((p) => p.name)).toEqual(producingServices);
    const tags = eventProducers.map((p) => p.positionTag);
    for (const tag of tags) expect(tag).toMatch(POSITION_TAG);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('declares no tag for a service that publishes nothing', () => {
    expect(Object.keys(positionTags).sort()).toEqual(producingServices);
  });

  it('keeps the tags that positions already handed out name', () => {
    expect(positionTags).toMatchObject({ registry: 'r', reporting: 'p', tbt: 't' });
  });
});
