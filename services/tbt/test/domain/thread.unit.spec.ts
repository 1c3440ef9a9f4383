import { describe, expect, it } from 'vitest';
import {
  buildThread,
  buildThreads,
  classifyDocument,
  isOpenForComments,
  threadKeyOf,
  type ThreadDocument,
} from '../../src/domain/thread.js';

function doc(partial: Partial<ThreadDocument> & { key: string; symbol?: string }): ThreadDocument {
  const { key, ...rest } = partial;
  return {
    identity: { key, source: rest.symbol === undefined ? 'document-id' : 'symbol' },
    kind: 'regular',
    area: 'TBT',
    member: 'EU',
    distributedOn: '2025-01-10',
    title: 'Draft regulation on batteries',
    description: '',
    keywords: [],
    referencedSymbols: [],
    ...rest,
  };
}

const original = doc({ key: 'G/TBT/N/EU/1050', symbol: 'G/TBT/N/EU/1050', commentDeadline: '2025-03-11' });

describe('threadKeyOf', () => {
  it('puts addenda, corrigenda and revisions (and their addenda) in the original’s thread', () => {
    for (const symbol of ['G/TBT/N/EU/1050/Add.1', 'G/TBT/N/EU/1050/Corr.1', 'G/TBT/N/EU/1050/Rev.1/Add.2']) {
      expect(threadKeyOf(doc({ key: symbol, symbol, kind: 'addendum' }))).toEqual({
        key: 'G/TBT/N/EU/1050',
        source: 'symbol',
      });
    }
  });

  it('joins a symbol-less addendum to the base its text quotes, if the member is the same', () => {
    const addendum = doc({
      key: 'crn:TBT/EU/25_1',
      kind: 'addendum',
      referencedSymbols: ['G/TBT/N/USA/9', 'G/TBT/N/EU/1050/Add.1'],
    });
    expect(threadKeyOf(addendum)).toEqual({ key: 'G/TBT/N/EU/1050', source: 'referenced-symbol' });
    const regular = doc({ key: 'crn:TBT/EU/25_2', referencedSymbols: ['G/TBT/N/EU/1050'] });
    expect(threadKeyOf(regular)).toEqual({ key: 'crn:TBT/EU/25_2', source: 'own' });
  });
});

describe('classifyDocument', () => {
  const addendum = (text: string, extra: Partial<ThreadDocument> = {}) =>
    classifyDocument(doc({ key: 'a', kind: 'addendum', description: text, ...extra })).map((e) => [
      e.kind,
      e.date ?? null,
    ]);

  it('reads the simple rules from an addendum’s words', () => {
    expect(
      addendum('This addendum announces an extension of the comment period until 15 April 2025.'),
    ).toEqual([['comment-period-extended', '2025-04-15']]);
    expect(
      addendum('The final date for comments has been extended.', { commentDeadline: '2025-05-01' }),
    ).toEqual([['comment-period-extended', '2025-05-01']]);
    expect(
      addendum('The regulation was adopted on 3 March 2025 and will enter into force on 1 January 2026.'),
    ).toEqual([
      ['adopted', '2025-03-03'],
      ['entered-into-force', '2026-01-01'],
    ]);
    expect(addendum('The notified draft has been withdrawn.')).toEqual([['withdrawn', null]]);
    expect(addendum('', { keywords: ['Withdrawal of the measure'] })).toEqual([['withdrawn', null]]);
    // ePing's catch-all keyword says adoption, not that the measure is in force.
    expect(addendum('', { keywords: ['Adoption/publication/entry into force of reg.'] })).toEqual([
      ['adopted', null],
    ]);
  });

  it('does not take "to be determined" for a date', () => {
    expect(
      addendum('Date of adoption: To be determined. Date of entry into force: To be determined.'),
    ).toEqual([]);
  });

  it('marks notifications, revisions and corrigenda for what they are', () => {
    expect(classifyDocument(original).map((e) => e.kind)).toEqual(['notified']);
    expect(classifyDocument(doc({ key: 'r', kind: 'revision' })).map((e) => e.kind)).toEqual(['revised']);
    expect(classifyDocument(doc({ key: 'c', kind: 'corrigendum' })).map((e) => e.kind)).toEqual([
      'corrected',
    ]);
  });
});

describe('buildThread', () => {
  it('follows its latest document: extension moves the deadline, adoption and entry into force raise the status', () => {
    const extension = doc({
      key: 'G/TBT/N/EU/1050/Add.1',
      symbol: 'G/TBT/N/EU/1050/Add.1',
      kind: 'addendum',
      distributedOn: '2025-03-01',
      description: 'The European Union informs of the extension of the comment period.',
      commentDeadline: '2025-04-30',
    });
    const adoption = doc({
      key: 'G/TBT/N/EU/1050/Add.2',
      symbol: 'G/TBT/N/EU/1050/Add.2',
      kind: 'addendum',
      distributedOn: '2025-09-01',
      description: 'The regulation was adopted on 20 August 2025. It enters into force on 1 March 2026.',
    });
    const thread = buildThread([adoption, original, extension]);
    expect(thread.documents.map((d) => d.identity.key)).toEqual([
      'G/TBT/N/EU/1050',
      'G/TBT/N/EU/1050/Add.1',
      'G/TBT/N/EU/1050/Add.2',
    ]);
    expect(thread).toMatchObject({
      key: 'G/TBT/N/EU/1050',
      keySource: 'symbol',
      status: 'in-force',
      commentDeadline: '2025-04-30',
      adoptedOn: '2025-08-20',
      entryIntoForceOn: '2026-03-01',
    });
    expect(thread.latest.identity.key).toBe('G/TBT/N/EU/1050/Add.2');
    expect(isOpenForComments(thread, '2025-04-30')).toBe(true);
    expect(isOpenForComments(thread, '2025-05-01')).toBe(false);
  });

  it('a revision is a new draft: new deadline, status back to notified', () => {
    const withdrawn = doc({
      key: 'G/TBT/N/EU/1050/Add.1',
      symbol: 'G/TBT/N/EU/1050/Add.1',
      kind: 'addendum',
      distributedOn: '2025-04-01',
      description: 'The draft has been withdrawn.',
    });
    const revision = doc({
      key: 'G/TBT/N/EU/1050/Rev.1',
      symbol: 'G/TBT/N/EU/1050/Rev.1',
      kind: 'revision',
      distributedOn: '2025-06-01',
      commentDeadline: '2025-08-01',
    });
    expect(buildThread([original, withdrawn])).toMatchObject({
      status: 'withdrawn',
      withdrawnOn: '2025-04-01',
    });
    const thread = buildThread([original, withdrawn, revision]);
    expect(thread).toMatchObject({ status: 'notified', commentDeadline: '2025-08-01' });
    expect(thread.withdrawnOn).toBeUndefined();
    expect(isOpenForComments(thread, '2025-07-01')).toBe(true);
  });

  it('refuses documents of different threads', () => {
    expect(() => buildThread([original, doc({ key: 'G/TBT/N/EU/9', symbol: 'G/TBT/N/EU/9' })])).toThrow(
      'document G/TBT/N/EU/9 belongs to thread G/TBT/N/EU/9, not G/TBT/N/EU/1050',
    );
  });

  it('groups documents into threads', () => {
    const addendum = doc({
      key: 'crn:TBT/EU/25_7',
      kind: 'addendum',
      distributedOn: '2025-02-01',
      referencedSymbols: ['G/TBT/N/EU/1050'],
    });
    const other = doc({ key: 'crn:TBT/EU/25_8' });
    const threads = buildThreads([original, addendum, other]);
    expect([...threads.keys()]).toEqual(['G/TBT/N/EU/1050', 'crn:TBT/EU/25_8']);
    expect(threads.get('G/TBT/N/EU/1050')!.documents).toHaveLength(2);
  });
});
