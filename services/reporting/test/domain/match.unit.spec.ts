import { describe, expect, it } from 'vitest';
import { factKey } from '../../src/domain/facts.js';
import { matchesWhere, stageAtLeast } from '../../src/domain/match.js';
import { fact } from './fixtures.js';

describe('stageAtLeast', () => {
  it('compares ISO harmonized stage codes numerically', () => {
    expect(stageAtLeast('60.60', '60.00')).toBe(true);
    expect(stageAtLeast('90.20', '60.00')).toBe(true);
    expect(stageAtLeast('50.20', '60.00')).toBe(false);
    expect(stageAtLeast('60', '60.00')).toBe(true);
    expect(stageAtLeast(undefined, '60.00')).toBe(false);
  });

  it('does not count withdrawn work unless withdrawal is asked for', () => {
    expect(stageAtLeast('95.99', '60.00')).toBe(false);
    expect(stageAtLeast('95.99', '95.00')).toBe(true);
  });
});

describe('matchesWhere', () => {
  const f = fact('standard-work', '2014-01-01', {
    level: 'local',
    workKind: 'revise',
    sector: 'food',
    stage: '60.60',
    inDistrict: true,
  });

  it('requires every given filter', () => {
    expect(matchesWhere(f, undefined)).toBe(true);
    expect(matchesWhere(f, { level: ['local', 'national'], workKind: ['formulate', 'revise'] })).toBe(true);
    expect(matchesWhere(f, { level: ['local'], sector: ['tourism'] })).toBe(false);
    expect(matchesWhere(f, { stageReached: '60.00', inDistrict: true })).toBe(true);
  });

  it('filters TBT alerts by notifying member and by their flags, a missing flag being false', () => {
    const alert = fact('tbt-alert', '2026-11-26', { member: 'EU', acknowledged: true });
    expect(matchesWhere(alert, { member: ['EU', 'USA'], acknowledged: true })).toBe(true);
    expect(matchesWhere(alert, { member: ['USA'] })).toBe(false);
    expect(matchesWhere(alert, { acknowledged: false })).toBe(false);
    expect(matchesWhere(alert, { tradeConcernCandidate: false, delivered: false })).toBe(true);
    expect(matchesWhere(alert, { tradeConcernCandidate: true })).toBe(false);
  });

  it('treats a missing inDistrict flag as false', () => {
    const outside = fact('standard-work', '2014-01-01', { level: 'local' });
    expect(matchesWhere(outside, { inDistrict: true })).toBe(false);
    expect(matchesWhere(outside, { inDistrict: false })).toBe(true);
  });

  it('matches authority, zone and committee filters on their attributes', () => {
    const cert = fact('good-behaviour-certification', '2014-01-01', { authority: 'district' });
    expect(matchesWhere(cert, { certificationAuthority: ['municipal', 'national'] })).toBe(false);
    const zone = fact('demonstration-zone', '2014-01-01', {
      zoneKind: 'agricultural',
      zoneLevel: 'national',
    });
    expect(matchesWhere(zone, { zoneKind: ['agricultural'], zoneLevel: ['national'] })).toBe(true);
    expect(matchesWhere(zone, { zoneKind: ['service-pilot'] })).toBe(false);
  });
});

describe('factKey', () => {
  it('joins parts and escapes the separator so keys cannot collide', () => {
    expect(factKey('standard-work', 'DB50/T 123-2014')).toBe('standard-work|DB50/T 123-2014');
    expect(factKey('enterprise-filing', 'a|b', 'c')).not.toBe(factKey('enterprise-filing', 'a', 'b|c'));
  });
});
