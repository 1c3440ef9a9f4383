import { describe, expect, it } from 'vitest';
import { columnKey, zoneRowBody, zoneRowsFromCsv } from '../src/ops/import-zones.js';

describe('import zones: reading rows', () => {
  it('keeps each row’s line in the file, across quoted line breaks and blank lines', () => {
    const rows = zoneRowsFromCsv(
      ['Name,Town,Area (mu)', 'A,Gulou,100', '', '"B', 'zone",Shuangfeng,200', 'C,Sanjiang,x'].join('\n'),
    );
    expect(rows.map((r) => [r.line, r.cells.name, r.cells.area_mu])).toEqual([
      [2, 'A', '100'],
      [4, 'B\nzone', '200'],
      [6, 'C', 'x'],
    ]);
    expect(columnKey(' Level Sought ')).toBe('level_sought');
  });

  it('maps a row to the body of POST /zones/existing; numbers stay typed as given when not numbers', () => {
    const body = zoneRowBody({
      name: 'Gulou loquat zone',
      kind: 'agricultural',
      level_sought: 'national',
      product_line: 'loquat',
      town: 'Gulou',
      lat: '29.3',
      lon: '105.9',
      area_mu: 'many',
      undertaking: 'Gulou Loquat Cooperative',
      undertaking_kind: 'cooperative',
      partners: 'Caojie Agricultural Park:park; District agriculture station',
      department: 'agriculture',
      project: '2',
      stage: 'passed',
      batch: 'b7',
      approval_document: 'SAC-2011-3',
      approved_on: '2011-05-01',
      construction_from: '2011-06-01',
      construction_to: '2014-05-31',
      passed_on: '2014-08-01',
      construction_started_on: '',
    });
    expect(body).toEqual({
      name: 'Gulou loquat zone',
      kind: 'agricultural',
      levelSought: 'national',
      productLine: 'loquat',
      town: 'Gulou',
      location: { lat: 29.3, lon: 105.9 },
      areaMu: 'many',
      undertaking: { name: 'Gulou Loquat Cooperative', kind: 'cooperative' },
      partners: [
        { name: 'Caojie Agricultural Park', kind: 'park' },
        { name: 'District agriculture station', kind: 'other' },
      ],
      project: 2,
      stage: 'passed',
      batch: 'b7',
      approvalDocument: 'SAC-2011-3',
      approvedOn: '2011-05-01',
      constructionFrom: '2011-06-01',
      constructionTo: '2014-05-31',
      department: 'agriculture',
      passedOn: '2014-08-01',
    });
  });
});
