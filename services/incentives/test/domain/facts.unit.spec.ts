import type { EventEnvelope } from '@highland/contracts';
import { describe, expect, it } from 'vitest';
import { reduceRegistryFact, reduceZoneFact, type ZoneFact } from '../../src/domain/facts.js';
import { codeKey, seriesOf } from '../../src/domain/names.js';

const ev = (type: string, data: unknown) => ({ type, data }) as unknown as EventEnvelope;

describe('own copy of the facts', () => {
  it('follows a zone from proposal to passed (at its approved level) and revoked', () => {
    let z: ZoneFact | undefined;
    z = reduceZoneFact(
      z,
      ev('zones.zone-proposed', {
        name: 'Loquat',
        kind: 'agricultural',
        undertaking: { name: 'Coop', kind: 'cooperative' },
      }),
    );
    z = reduceZoneFact(z, ev('zones.zone-approved', { level: 'national' }));
    expect(z.passedLevel).toBeUndefined();
    z = reduceZoneFact(z, ev('zones.zone-passed', { on: '2026-10-01', inspection: 1 }));
    expect(z).toMatchObject({ undertaking: 'Coop', passedLevel: 'national', passedOn: '2026-10-01' });
    z = reduceZoneFact(z, ev('zones.zone-revoked', { on: '2026-11-01', grounds: 'x' }));
    expect(z.revokedOn).toBe('2026-11-01');
    expect(reduceZoneFact(z, ev('zones.zone-training-recorded', {}))).toBe(z);
  });

  it('marks a standard withdrawn, superseded or cancelled, and ends a seat', () => {
    const std = reduceRegistryFact(
      undefined,
      ev('registry.standard-registered', {
        code: 'GB/T 1-2025',
        level: 'national',
        body: 'GB',
        ccs: [],
        sector: 's',
        work: { kind: 'formulate' },
        stage: 'published',
        participants: [],
        publishedOn: '2025-01-01',
      }),
    );
    expect(
      reduceRegistryFact(std, ev('registry.standard-stage-changed', { to: 'superseded', on: '2026-01-01' })),
    ).toMatchObject({ stage: 'superseded', withdrawnOn: '2026-01-01' });
    const seat = reduceRegistryFact(
      undefined,
      ev('registry.committee-seat-granted', { committee: 'SAC/TC 1', holder: 'A', from: '2025-01-01' }),
    );
    expect(
      reduceRegistryFact(
        seat,
        ev('registry.committee-seat-ended', { committee: 'SAC/TC 1', holder: 'A', to: '2026-01-01' }),
      ),
    ).toMatchObject({ active: false, to: '2026-01-01' });
  });

  it('reads codes as people write them, and a series without part and year', () => {
    expect(codeKey(' gb/t  1234.1—2020 ')).toBe('GB/T 1234.1-2020');
    expect(seriesOf('GB/T 1234.1-2020')).toBe('GB/T 1234');
    expect(seriesOf('GB/T 1234.2-2021')).toBe('GB/T 1234');
    expect(seriesOf('GB/T 12345-2021')).toBe('GB/T 12345');
  });
});
