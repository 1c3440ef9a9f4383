import { z } from 'zod';
import { lazy, readDataFile } from './data-files.js';

/** One ISO harmonized stage code, `XX.YY` (stage `XX`, substage `YY`), e.g. `60.60` published. */
export interface IsoStageCode {
  code: string;
  name: string;
  stage: string;
  stageName: string;
  substage: string;
  substageName: string;
}

const named = z.array(z.object({ code: z.string(), name: z.string() }));
const file = z.object({
  vocabulary: z.object({ XX: named, YY: named, 'XX.YY': named }),
});

function load(): IsoStageCode[] {
  const { vocabulary } = file.parse(JSON.parse(readDataFile('iso/harmonized-stage-codes.json')));
  const nameOf = (list: { code: string; name: string }[], code: string) => {
    const found = list.find((item) => item.code === code);
    if (!found) throw new Error(`ISO stage codes: no name for '${code}'`);
    return found.name;
  };
  return vocabulary['XX.YY'].map(({ code, name }) => {
    const [stage = '', substage = ''] = code.split('.');
    return {
      code,
      name,
      stage,
      stageName: nameOf(vocabulary.XX, stage),
      substage,
      substageName: nameOf(vocabulary.YY, substage),
    };
  });
}

/** The 46 harmonized stage codes in their official order (00.00 … 95.99), read on first use. */
export const isoStageCodes: () => readonly IsoStageCode[] = lazy(load);

const byCode = lazy(() => new Map(isoStageCodes().map((s) => [s.code, s])));

/**
 * Looks a stage up by `XX.YY`, or by the 4-digit integer ISO Open Data uses (`6060` → `60.60`,
 * `0` → `00.00`: leading zeros are lost in the number).
 */
export function isoStageCode(code: string | number): IsoStageCode | undefined {
  if (typeof code === 'number') {
    if (!Number.isInteger(code) || code < 0 || code > 9999) return undefined;
    const digits = String(code).padStart(4, '0');
    return byCode().get(`${digits.slice(0, 2)}.${digits.slice(2)}`);
  }
  return byCode().get(code.trim());
}
