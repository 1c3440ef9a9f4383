import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFileUrl, isoDeliverableSchema, parseIsoDeliverablesJsonl } from '../src/index.js';

const sample = () => readFileSync(dataFileUrl('iso/deliverables-sample.jsonl'), 'utf8');
const iso9001 = () => JSON.parse(readFileSync(dataFileUrl('iso/deliverable-62085.json'), 'utf8')) as unknown;

describe('ISO deliverables', () => {
  it('accepts the shipped record of ISO 9001:2015 as it is', () => {
    const record = isoDeliverableSchema.parse(iso9001());
    expect(record).toEqual(iso9001());
    expect(record).toMatchObject({
      reference: 'ISO 9001:2015',
      publicationDate: '2015-09-22',
      edition: 5,
      icsCode: ['03.120.10', '03.100.70'],
      ownerCommittee: 'ISO/TC 176/SC 2',
      currentStage: 9092,
      replaces: [46486, 54538],
    });
  });

  it('parses the shipped JSONL sample with no errors', () => {
    const { records, errors } = parseIsoDeliverablesJsonl(sample());
    expect(errors).toEqual([]);
    expect(records.map((r) => r.reference)).toEqual([
      'ISO/TR 7035-2:2024',
      'ISO/IEC 19566-7:2022/Amd 1:2025',
    ]);
    expect(records[1]).toMatchObject({ supplementType: 'Amd', scope: { en: null }, replaces: null });
  });

  it('reports each bad line by number and keeps the good ones', () => {
    const [first = '', second = ''] = sample().split('\n');
    const broken = JSON.stringify({ ...(JSON.parse(first) as object), currentStage: 6061 });
    const text = ['', first, '{not json', broken, '42', second, ''].join('\r\n');
    const { records, errors } = parseIsoDeliverablesJsonl(text);
    expect(records).toHaveLength(2);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(errors[0]?.reason).toMatch(/^invalid JSON/);
    expect(errors[1]?.reason).toBe('currentStage: not an ISO harmonized stage code');
    expect(errors[2]?.reason).toMatch(/expected object/);
  });

  it('names the field and reason for wrongly typed values, briefly', () => {
    const record = { ...(iso9001() as object), publicationDate: '2015-13-40', icsCode: ['3.120'] };
    const { errors } = parseIsoDeliverablesJsonl(JSON.stringify(record));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.reason).toContain('publicationDate');
    expect(errors[0]?.reason).toContain('icsCode.0: not an ICS code');
    const empty = parseIsoDeliverablesJsonl('{}');
    expect(empty.errors[0]?.reason).toMatch(/\(and \d+ more\)$/);
  });

  it('drops keys that are not part of the record shape', () => {
    const { records } = parseIsoDeliverablesJsonl(JSON.stringify({ ...(iso9001() as object), extra: 1 }));
    expect(records[0]).not.toHaveProperty('extra');
  });
});
