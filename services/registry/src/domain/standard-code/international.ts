import {
  designation,
  readAmendmentNumber,
  readAmendmentYear,
  readNumber,
  readParts,
  requireBaseYear,
} from './designation.js';
import { type Scanner } from './scanner.js';
import { type Amendment, type IsoDeliverable, type StandardCodeParts } from './types.js';
import { readYear, type YearBounds } from './years.js';

/** Bodies that co-publish with ISO or IEC: `ISO/IEC 27001`, `ISO/IEC/IEEE 8802-3`, `ISO/ASTM 52900`. */
const CO_PUBLISHERS: ReadonlySet<string> = new Set(['ISO', 'IEC', 'IEEE', 'ASTM', 'SAE']);

const DELIVERABLES: Readonly<Record<string, IsoDeliverable>> = {
  TR: 'TR',
  TS: 'TS',
  PAS: 'PAS',
  ISP: 'ISP',
  GUIDE: 'Guide',
};

function readPublishersAndDeliverable(scanner: Scanner): { body: string; deliverable?: IsoDeliverable } {
  const publishers = [scanner.take(/ISO|IEC/y)?.[0] ?? ''];
  let deliverable: IsoDeliverable | undefined;
  for (;;) {
    const start = scanner.pos;
    const word = scanner.take(/ ?\/ ?([A-Z]+)/y)?.[1];
    if (word === undefined) break;
    if (deliverable === undefined && CO_PUBLISHERS.has(word)) {
      if (publishers.includes(word)) scanner.fail(`'${word}' is named twice`, start);
      publishers.push(word);
    } else if (deliverable === undefined && DELIVERABLES[word] !== undefined) {
      deliverable = DELIVERABLES[word];
    } else {
      scanner.fail(`unknown publisher or deliverable type '${word}' after '${publishers.join('/')}'`, start);
    }
  }
  // Guides are written with a space: `ISO/IEC Guide 98-3:2008`.
  if (deliverable === undefined && scanner.take(/ GUIDE(?= ?\d)/y)) deliverable = 'Guide';
  const body = publishers.join('/');
  return deliverable === undefined ? { body } : { body, deliverable };
}

export function isoLabel(body: string, deliverable: IsoDeliverable | undefined): string {
  if (deliverable === undefined) return body;
  return deliverable === 'Guide' ? `${body} Guide` : `${body}/${deliverable}`;
}

/** `ISO 9001:2015`, `ISO/IEC 27001:2022`, `IEC 60335-2-24:2020`, `ISO 9001:2015/Amd 1:2024`. */
export function parseInternational(scanner: Scanner, bounds: YearBounds): StandardCodeParts {
  const { body, deliverable } = readPublishersAndDeliverable(scanner);
  const number = readNumber(scanner, isoLabel(body, deliverable), /\d+/y);
  const partsStart = scanner.pos;
  const part = readParts(scanner, /-(\d+)/y, '-');
  let year: number | undefined;
  if (scanner.take(/ ?: ?/y)) {
    year = readYear(scanner, bounds, ':');
  } else if (part !== undefined && /(?:^|-)(?:19|20)\d\d$/.test(part)) {
    // `ISO 9001-2015`: a Chinese-style year, which ISO would read as part 2015.
    scanner.fail(
      `ISO and IEC codes separate the year with ':', not '-'`,
      partsStart + 2 + part.lastIndexOf('-'),
    );
  }
  let amendment: Amendment | undefined;
  const start = scanner.pos;
  const supplement = scanner.take(/ ?[/+] ?(AMD|COR)\.? ?(\d+)/y);
  if (supplement) {
    const baseYear = requireBaseYear(scanner, year, start);
    const kind = supplement[1] === 'AMD' ? 'Amd' : 'Cor';
    amendment = { kind, number: readAmendmentNumber(scanner, supplement[2] ?? '', start) };
    if (scanner.take(/ ?: ?/y)) amendment.year = readAmendmentYear(scanner, bounds, ':', baseYear);
  }
  scanner.expectEnd();
  const nature = deliverable === 'TR' || deliverable === 'Guide' ? 'guidance' : 'recommended';
  const parts: StandardCodeParts = {
    level: 'international',
    body,
    nature,
    ...designation(number, part, year, amendment),
  };
  if (deliverable !== undefined) parts.deliverable = deliverable;
  return parts;
}

/** `ITU-T X.509`, `ITU-R BT.709`: ITU recommendations, undated. */
export function parseItu(scanner: Scanner): StandardCodeParts {
  const body = scanner.take(/ITU-[TR]\b/y)?.[0];
  if (body === undefined) scanner.fail(`ITU codes start with 'ITU-T' or 'ITU-R'`, 0);
  const number = readNumber(scanner, body, /[A-Z]{1,3}\.\d+(?:\.\d+)*/y);
  scanner.expectEnd();
  return { level: 'international', body, nature: 'recommended', number };
}
