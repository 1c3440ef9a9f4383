import { foreignBodyOf } from './foreign-bodies.js';
import { isoLabel } from './international.js';
import { type Amendment, type StandardCodeParts, type StandardNature } from './types.js';

const NATURE_SUFFIX: Record<StandardNature, string> = { mandatory: '', recommended: '/T', guidance: '/Z' };

function chineseDesignation({ number, part, year, amendment }: StandardCodeParts): string {
  let text = number;
  if (part !== undefined) text += `.${part}`;
  if (year !== undefined) text += `-${year}`;
  if (amendment !== undefined)
    text += `/XG${amendment.number}${amendment.year === undefined ? '' : `-${amendment.year}`}`;
  return text;
}

function supplement(amendment: Amendment | undefined): string {
  if (amendment === undefined) return '';
  const year = amendment.year === undefined ? '' : `:${amendment.year}`;
  return amendment.kind === 'A'
    ? `+A${amendment.number}${year}`
    : `/${amendment.kind} ${amendment.number}${year}`;
}

/** `number[-part][:year][supplement]`, the ISO and European layout. */
function colonDesignation({ number, part, year, amendment }: StandardCodeParts): string {
  return `${number}${part === undefined ? '' : `-${part}`}${year === undefined ? '' : `:${year}`}${supplement(amendment)}`;
}

function foreignCode(code: StandardCodeParts): string {
  const { body, number, part, year } = code;
  switch (foreignBodyOf(body)?.style) {
    case 'astm':
      return `${body} ${number}${year === undefined ? '' : `-${String(year % 100).padStart(2, '0')}`}`;
    case 'dashed':
      return `${body} ${number}${part === undefined ? '' : `-${part}`}${year === undefined ? '' : `-${year}`}`;
    default:
      return `${body} ${colonDesignation(code)}`;
  }
}

/** The canonical text of a code; `parseStandardCode` puts it in `normalized`. */
export function formatStandardCode(code: StandardCodeParts): string {
  switch (code.level) {
    case 'national':
    case 'industry':
    case 'local':
      return `${code.body}${NATURE_SUFFIX[code.nature]} ${chineseDesignation(code)}`;
    case 'group':
      return `T/${code.body} ${chineseDesignation(code)}`;
    case 'enterprise':
      return `Q/${code.region === undefined ? '' : `${code.region} `}${code.body} ${chineseDesignation(code)}`;
    case 'international':
      if (code.body.startsWith('ITU-')) return `${code.body} ${code.number}`;
      return `${isoLabel(code.body, code.deliverable)} ${colonDesignation(code)}`;
    case 'foreign':
      return foreignCode(code);
  }
}
