// A repeated filing, certification or seat is "unchanged" only when it says the same thing; one
// that says something else was answered 200 `unchanged` and its fields dropped silently (found by
// the fuzz tier), and is now a 409 naming them.
import { describe, expect, it } from 'vitest';
import { type EventEnvelope, Rejection } from '@highland/contracts';
import { certifyEnterprise, CertifyEnterpriseInput } from '../../src/commands/certify-enterprise.js';
import { grantSeat, GrantSeatInput } from '../../src/commands/committee-seat.js';
import type { RegistryCommand } from '../../src/commands/command.js';
import {
  fileEnterpriseStandard,
  FileEnterpriseStandardInput,
} from '../../src/commands/file-enterprise-standard.js';
import { reduce } from '../../src/domain/aggregates/state.js';

/** The entry after the command's first event, as the executor would hand it to a repeat. */
function recorded(cmd: RegistryCommand, type: string) {
  const first = cmd.decide(undefined);
  expect(first).toBeDefined();
  const state = reduce(undefined, {
    type,
    data: first!.data,
    actor: { department: 'office', user: 'li' },
    occurredAt: '2024-05-01T00:00:00Z',
  } as EventEnvelope);
  return { state, version: 1, streamSeq: 1 };
}

function refusal(run: () => unknown): Rejection {
  try {
    run();
  } catch (err) {
    if (err instanceof Rejection) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('repeated records', () => {
  it('a filing: the same again is unchanged; another date, product or town is a conflict naming it', () => {
    const filing = (extra: object = {}) =>
      fileEnterpriseStandard(
        FileEnterpriseStandardInput.parse({
          enterprise: 'Chongqing Glassware Co.',
          product: 'tempered glass cups',
          standardCode: 'Q/CQBL 001-2014',
          filedOn: '2014-03-02',
          ...extra,
        }),
      );
    const entry = recorded(filing({ town: 'Gulou' }), 'registry.enterprise-standard-filed');
    expect(filing({ town: 'Gulou' }).decide(entry)).toBeUndefined();
    expect(filing().decide(entry)).toBeUndefined();
    const r = refusal(() => filing({ filedOn: '2014-03-05', town: 'Dongcheng' }).decide(entry));
    expect(r.kind).toBe('conflict');
    expect(r.errors).toEqual([
      { field: 'body.filedOn', reason: 'on record as "2014-03-02"' },
      { field: 'body.town', reason: 'on record as "Gulou"' },
    ]);
    expect(refusal(() => filing({ product: 'mugs' }).decide(entry)).errors.map((e) => e.field)).toEqual([
      'body.product',
    ]);
  });

  it('a certification: another authority or town is a conflict naming it', () => {
    const cert = (extra: object = {}) =>
      certifyEnterprise(
        CertifyEnterpriseInput.parse({
          enterprise: 'Acme Paints',
          level: 'AA',
          authorityLevel: 'provincial',
          certifiedOn: '2022-09-09',
          ...extra,
        }),
      );
    const entry = recorded(cert({ authority: 'Provincial SAMR' }), 'registry.enterprise-certified');
    expect(cert({ authority: 'Provincial SAMR' }).decide(entry)).toBeUndefined();
    const r = refusal(() => cert({ authority: 'Someone else' }).decide(entry));
    expect(r.kind).toBe('conflict');
    expect(r.errors).toEqual([{ field: 'body.authority', reason: 'on record as "Provincial SAMR"' }]);
  });

  it('a seat: another organisation or end is a conflict, the same grant unchanged', () => {
    const seat = (extra: object = {}) =>
      grantSeat(
        GrantSeatInput.parse({
          committee: 'ISO/TC 34',
          memberKind: 'enterprise',
          holder: 'Highland Tea Co',
          from: '2022-01-01',
          ...extra,
        }),
      );
    const entry = recorded(seat({ organisation: 'Highland Tea Co' }), 'registry.committee-seat-granted');
    expect(seat({ organisation: 'Highland Tea Co' }).decide(entry)).toBeUndefined();
    expect(refusal(() => seat({ organisation: 'Other Co' }).decide(entry)).kind).toBe('conflict');
    expect(refusal(() => seat({ to: '2030-01-01' }).decide(entry)).kind).toBe('conflict');
  });
});
