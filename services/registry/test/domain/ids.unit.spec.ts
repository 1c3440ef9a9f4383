// Aggregate ids are derived from business keys and name the subjects of stored events: they must
// never change, whatever computes the digest.
import { describe, expect, it } from 'vitest';
import { catalogueId, filingId, standardId } from '../../src/domain/aggregates/ids.js';

describe('aggregate ids', () => {
  it('stay what they were', () => {
    expect(standardId('GB/T 10002-2024')).toBe('std-_tg3GvfvMTGzT_WStHUxqI');
    expect(standardId(' gb/t 10002-2024 ')).toBe('std-_tg3GvfvMTGzT_WStHUxqI');
    expect(filingId('Chongqing Glassware Co.', 'Q/CQBL 001-2014')).toBe('fil-JZVQRcedQ5fAApPCl-bQ_0');
    expect(catalogueId('ISO/TR 7035:2020')).toBe('cat-DAweEnkLTYDx7_jjA7oM5P');
  });
});
