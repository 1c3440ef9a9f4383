import { failure, type Failure } from './domain-error.js';
import { parseStandardCode, type ParsedStandardCode } from './standard-code.js';

export const WORK_KINDS = ['formulate', 'revise', 'adopt'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** Degree of correspondence of an adopted standard (GB/T 20000.2): identical, modified, not equivalent. */
export const ADOPTION_DEGREES = ['IDT', 'MOD', 'NEQ'] as const;
export type AdoptionDegree = (typeof ADOPTION_DEGREES)[number];

export type WorkKindSpec =
  | { kind: 'formulate' }
  | { kind: 'revise'; replacesCode: ParsedStandardCode }
  | { kind: 'adopt'; adoptedCode: ParsedStandardCode; degree: AdoptionDegree };

export interface WorkKindInput {
  kind: string;
  replacesCode?: string | undefined;
  adoptedCode?: string | undefined;
  degree?: string | undefined;
}

type Result = { ok: true; work: WorkKindSpec } | Failure;

function code(field: 'replacesCode' | 'adoptedCode', text: string | undefined, kind: WorkKind) {
  if (text === undefined || text.trim() === '')
    return failure(`${field} is required when kind is '${kind}'`, { field });
  const parsed = parseStandardCode(text);
  return parsed.ok ? parsed : ({ ok: false, error: { ...parsed.error, field } } satisfies Failure);
}

/** Fields that belong to another kind are refused, not ignored: they signal a confused request. */
function extraneous(input: WorkKindInput, allowed: readonly (keyof WorkKindInput)[]): Failure | undefined {
  const field = (['replacesCode', 'adoptedCode', 'degree'] as const).find(
    (name) => input[name] !== undefined && !allowed.includes(name),
  );
  return field === undefined
    ? undefined
    : failure(`${field} does not apply to kind '${input.kind}'`, { field });
}

/**
 * Validates the kind of a work item: `formulate` (new), `revise` (names the code of the edition it
 * replaces), `adopt` (names an international or advanced foreign code and the degree).
 */
export function validateWorkKind(input: WorkKindInput): Result {
  switch (input.kind) {
    case 'formulate':
      return extraneous(input, []) ?? { ok: true, work: { kind: 'formulate' } };
    case 'revise': {
      const bad = extraneous(input, ['replacesCode']);
      if (bad) return bad;
      const replaces = code('replacesCode', input.replacesCode, 'revise');
      return replaces.ok ? { ok: true, work: { kind: 'revise', replacesCode: replaces.code } } : replaces;
    }
    case 'adopt': {
      const bad = extraneous(input, ['adoptedCode', 'degree']);
      if (bad) return bad;
      const adopted = code('adoptedCode', input.adoptedCode, 'adopt');
      if (!adopted.ok) return adopted;
      const { level, normalized } = adopted.code;
      if (level !== 'international' && level !== 'foreign') {
        return failure(
          `adoptedCode must be an international or advanced foreign standard; '${normalized}' is ${level}`,
          {
            field: 'adoptedCode',
          },
        );
      }
      const degree = input.degree?.trim().toUpperCase();
      if (!degree)
        return failure(`degree is required when kind is 'adopt' (one of ${ADOPTION_DEGREES.join(', ')})`, {
          field: 'degree',
        });
      if (!(ADOPTION_DEGREES as readonly string[]).includes(degree)) {
        return failure(`degree must be one of ${ADOPTION_DEGREES.join(', ')}, not '${input.degree}'`, {
          field: 'degree',
        });
      }
      return {
        ok: true,
        work: { kind: 'adopt', adoptedCode: adopted.code, degree: degree as AdoptionDegree },
      };
    }
    default:
      return failure(`kind must be one of ${WORK_KINDS.join(', ')}, not '${input.kind}'`, { field: 'kind' });
  }
}
