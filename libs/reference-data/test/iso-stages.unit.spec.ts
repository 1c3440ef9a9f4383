import { describe, expect, it } from 'vitest';
import { isoStageCode, isoStageCodes } from '../src/index.js';

describe('ISO harmonized stage codes', () => {
  it('loads the 46 codes in order, with stage and substage names', () => {
    const codes = isoStageCodes();
    expect(codes).toHaveLength(46);
    expect(codes[0]?.code).toBe('00.00');
    expect(codes.at(-1)?.code).toBe('95.99');
    expect(isoStageCode('60.60')).toEqual({
      code: '60.60',
      name: 'International Standard published',
      stage: '60',
      stageName: 'Publication',
      substage: '60',
      substageName: 'Completion of main action',
    });
    expect(new Set(codes.map((c) => c.stage))).toEqual(
      new Set(['00', '10', '20', '30', '40', '50', '60', '90', '95']),
    );
  });

  it('accepts the integer form of ISO Open Data', () => {
    expect(isoStageCode(9092)?.code).toBe('90.92');
    expect(isoStageCode(0)?.code).toBe('00.00');
    expect(isoStageCode(2000)?.code).toBe('20.00');
  });

  it('rejects codes that are not in the list', () => {
    expect(isoStageCode('60.20')).toBeUndefined();
    expect(isoStageCode('6060')).toBeUndefined();
    expect(isoStageCode(60.6)).toBeUndefined();
    expect(isoStageCode(-1)).toBeUndefined();
    expect(isoStageCode(99999)).toBeUndefined();
  });
});
