import { describe, expect, it } from 'vitest';
import {
  compareAuthorityLevels,
  compareGoodBehaviourLevels,
  parseAuthorityLevel,
  parseGoodBehaviourLevel,
} from '../../src/domain/certification.js';
import { FIVE_PROJECTS, parseFiveProject } from '../../src/domain/five-projects.js';

describe('good-behaviour certification', () => {
  it('parses levels and authorities', () => {
    expect(parseGoodBehaviourLevel(' aa ')).toEqual({ ok: true, level: 'AA' });
    expect(parseGoodBehaviourLevel('ＡＡＡ')).toEqual({ ok: true, level: 'AAA' });
    expect(parseGoodBehaviourLevel('AAAA')).toEqual({
      ok: false,
      error: { reason: "level must be one of AAA, AA, A, not 'AAAA'", field: 'level' },
    });
    expect(parseAuthorityLevel('Municipal')).toEqual({ ok: true, authority: 'municipal' });
    expect(parseAuthorityLevel('district')).toMatchObject({ ok: false, error: { field: 'authority' } });
  });

  it('orders levels and authorities', () => {
    expect(compareGoodBehaviourLevels('AAA', 'A')).toBeGreaterThan(0);
    expect(compareGoodBehaviourLevels('A', 'AA')).toBeLessThan(0);
    expect(compareAuthorityLevels('national', 'municipal')).toBeGreaterThan(0);
    expect(compareAuthorityLevels('provincial', 'provincial')).toBe(0);
  });
});

describe('five major projects', () => {
  it('lists the five projects with Chinese and English names', () => {
    expect(FIVE_PROJECTS.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
    expect(FIVE_PROJECTS[2]).toMatchObject({ nameZh: '内陆开放技术标准促进工程', nameEn: 'Inland opening' });
  });

  it('parses a project by number or key', () => {
    expect(parseFiveProject(1)).toMatchObject({ ok: true, project: { key: 'modern-industry' } });
    expect(parseFiveProject('5')).toMatchObject({ ok: true, project: { id: 5 } });
    expect(parseFiveProject('Urban-Rural')).toMatchObject({ ok: true, project: { id: 2 } });
    expect(parseFiveProject(6)).toMatchObject({ ok: false, error: { field: 'project' } });
    expect(parseFiveProject(1.5).ok).toBe(false);
  });
});
