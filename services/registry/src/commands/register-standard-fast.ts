import { isCcsCode, isIcsCode } from '@highland/reference-data';
import { parseStandardCode } from '../domain/standard-code.js';
import type { ParsedStandardCode } from '../domain/standard-code/types.js';
import { NATIONAL_STAGES } from '../domain/stages.js';
import { calendarDateMs } from './fields.js';
import type { RegisterStandardBody } from './register-standard.js';

/**
 * RegisterStandardInput's answer for a row that passes it, without zod: the bulk import checks one
 * row per standard, and zod's generic machinery costs about twice the checks themselves and most of
 * the garbage an imported row leaves. It accepts only what the schema accepts, giving exactly the
 * value zod would; anything else (or anything unusual: an undefined value, an unknown key, another
 * prototype) is `undefined`, and zod decides and explains. Keep it in step with the schema:
 * `test/commands/register-standard-fast.unit.spec.ts` pins the two together on valid, broken and
 * mutated rows.
 */
export function registerStandardFast(input: unknown): RegisterStandardBody | undefined {
  if (!isPlainObject(input) || !onlyKeys(input, BODY_KEYS)) return undefined;
  const code = standardCode(input.code);
  const title = input.title;
  if (!code || !isPlainObject(title) || !onlyKeys(title, TITLE_KEYS)) return undefined;
  const zh = name(title.zh);
  const en = title.en === undefined ? undefined : name(title.en);
  if (zh === undefined || ('en' in title && en === undefined)) return undefined;
  const ics = codes(input.ics, isIcsCode);
  const ccs = codes(input.ccs, isCcsCode);
  const sector = name(input.sector);
  if (!ics || !ccs || sector === undefined) return undefined;
  const project = input.project;
  if (
    project !== undefined &&
    (typeof project !== 'number' || !Number.isInteger(project) || project < 1 || project > 5)
  )
    return undefined;
  const work = workOf(input.work);
  if (!work) return undefined;
  const stage = input.stage === undefined ? 'plan-issued' : input.stage;
  if (typeof stage !== 'string' || !STAGES.has(stage)) return undefined;
  const lead = optional(input, 'leadOrganisation', name);
  const participants = input.participants === undefined ? [] : names(input.participants);
  const inDistrict = input.inDistrict === undefined ? true : input.inDistrict;
  const town = optional(input, 'town', name);
  const publishedOn = optional(input, 'publishedOn', pastDate);
  const effectiveOn = optional(input, 'effectiveOn', anyDate);
  const reason = optional(input, 'reason', reasonText);
  if (
    lead === INVALID ||
    !participants ||
    typeof inDistrict !== 'boolean' ||
    town === INVALID ||
    publishedOn === INVALID ||
    effectiveOn === INVALID ||
    reason === INVALID
  )
    return undefined;
  // The schema's rules across fields (superRefine).
  if (work.kind === 'existing' && stage !== 'published') return undefined;
  if (work.kind !== 'existing' && stage !== 'plan-issued' && stage !== 'drafting' && stage !== 'published')
    return undefined;
  if ((stage === 'published') !== (publishedOn !== undefined)) return undefined;
  if (effectiveOn !== undefined && publishedOn !== undefined && effectiveOn < publishedOn) return undefined;
  if (work.replacesCode && work.replacesCode.normalized === code.normalized) return undefined;

  return {
    code,
    title: en === undefined ? { zh } : { zh, en },
    ics,
    ccs,
    sector,
    ...(project !== undefined ? { project } : {}),
    work,
    stage: stage as RegisterStandardBody['stage'],
    ...(lead !== undefined ? { leadOrganisation: lead } : {}),
    participants,
    inDistrict,
    ...(town !== undefined ? { town } : {}),
    ...(publishedOn !== undefined ? { publishedOn } : {}),
    ...(effectiveOn !== undefined ? { effectiveOn } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}

const BODY_KEYS = new Set([
  'code',
  'title',
  'ics',
  'ccs',
  'sector',
  'project',
  'work',
  'stage',
  'leadOrganisation',
  'participants',
  'inDistrict',
  'town',
  'publishedOn',
  'effectiveOn',
  'reason',
]);
const TITLE_KEYS = new Set(['zh', 'en']);
const WORK_KEYS = new Set(['kind', 'replacesCode', 'adoptedCode', 'degree']);
const KINDS = new Set(['formulate', 'revise', 'adopt', 'existing']);
const DEGREES = new Set(['IDT', 'MOD', 'NEQ']);
const STAGES = new Set<string>(NATIONAL_STAGES);
const INVALID = Symbol('invalid');

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Every key known, and none present with the value undefined (zod keeps those keys; leave them to it). */
function onlyKeys(value: Json, known: ReadonlySet<string>): boolean {
  for (const key of Object.keys(value)) if (!known.has(key) || value[key] === undefined) return false;
  return true;
}

/** Name: a string, trimmed, 1 to 300 long. */
function name(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= 300 ? trimmed : undefined;
}

function names(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > 100) return undefined;
  const out: string[] = [];
  for (const item of value as unknown[]) {
    const n = name(item);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** IcsCodes / CcsCodes, defaulting to []. */
function codes(value: unknown, known: (code: string) => boolean): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 20) return undefined;
  for (const item of value as unknown[]) if (typeof item !== 'string' || !known(item)) return undefined;
  return [...(value as string[])];
}

function standardCode(value: unknown): ParsedStandardCode | undefined {
  if (typeof value !== 'string' || value.length > 200) return undefined;
  const parsed = parseStandardCode(value);
  return parsed.ok ? parsed.code : undefined;
}

function anyDate(value: unknown): string | undefined {
  return typeof value === 'string' && calendarDateMs(value) !== undefined ? value : undefined;
}

function pastDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value < '1946-01-01') return undefined;
  const ms = calendarDateMs(value);
  return ms !== undefined && ms <= Date.now() + 86_400_000 ? value : undefined;
}

/** Reason: a string, trimmed, at most 2,000 long. */
function reasonText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length <= 2000 ? trimmed : undefined;
}

/** An optional field: absent is undefined, present and refused is INVALID. */
function optional<T>(
  input: Json,
  key: string,
  check: (value: unknown) => T | undefined,
): T | undefined | typeof INVALID {
  const value = input[key];
  if (value === undefined) return undefined;
  return check(value) ?? INVALID;
}

function workOf(value: unknown): RegisterStandardBody['work'] | undefined {
  if (!isPlainObject(value) || !onlyKeys(value, WORK_KEYS)) return undefined;
  const kind = value.kind;
  if (typeof kind !== 'string' || !KINDS.has(kind)) return undefined;
  const replacesCode = value.replacesCode === undefined ? undefined : standardCode(value.replacesCode);
  const adoptedCode = value.adoptedCode === undefined ? undefined : standardCode(value.adoptedCode);
  const degree = value.degree;
  if (value.replacesCode !== undefined && !replacesCode) return undefined;
  if (value.adoptedCode !== undefined && !adoptedCode) return undefined;
  if (degree !== undefined && (typeof degree !== 'string' || !DEGREES.has(degree))) return undefined;
  // Which of them the kind needs, and only then (the schema's superRefine on work).
  if ((kind === 'revise') !== (replacesCode !== undefined)) return undefined;
  if ((kind === 'adopt') !== (adoptedCode !== undefined)) return undefined;
  if ((kind === 'adopt') !== (degree !== undefined)) return undefined;
  if (adoptedCode && adoptedCode.level !== 'international' && adoptedCode.level !== 'foreign')
    return undefined;
  return {
    kind: kind as RegisterStandardBody['work']['kind'],
    ...(replacesCode ? { replacesCode } : {}),
    ...(adoptedCode ? { adoptedCode } : {}),
    ...(degree !== undefined ? { degree: degree as 'IDT' | 'MOD' | 'NEQ' } : {}),
  };
}
