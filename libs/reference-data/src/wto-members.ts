import { z } from 'zod';
import { lazy, readDataFile } from './data-files.js';

/**
 * A WTO member as WTO documents name it. `code` is the code used in notification symbols
 * (`G/TBT/N/<code>/<n>`): ISO 3166 alpha-3 for countries, `EU` for the European Union,
 * `TPKM` for Chinese Taipei, `HKG` / `MAC` for Hong Kong, China and Macao, China.
 */
export interface WtoMember {
  code: string;
  /** ISO 3166-1 alpha-2 (`EU` for the European Union, an ISO exceptional reservation). */
  iso2: string;
  /** The WTO's English name (`Korea, Republic of`, `Türkiye`, `Chinese Taipei`). */
  name: string;
  /** Other names met in exports and forms (ePing writes `United States of America`). */
  otherNames: readonly string[];
  /** Older or alternative codes: `EEC` for the EU (pre-2009 symbols, members.wto.org paths). */
  otherCodes: readonly string[];
  /** One of the 27 member States of the European Union (each is also a WTO member). */
  euMemberState: boolean;
}

/** The code of the European Union in WTO symbols. */
export const EU_CODE = 'EU';

const memberFile = z.array(
  z
    .object({
      code: z.string().regex(/^[A-Z]{2,4}$/),
      iso2: z.string().regex(/^[A-Z]{2}$/),
      name: z.string().min(1),
      otherNames: z.array(z.string().min(1)).optional(),
      otherCodes: z.array(z.string().regex(/^[A-Z]{2,4}$/)).optional(),
      euMemberState: z.boolean().optional(),
    })
    .strict(),
);

/** Lower case, no accents or punctuation, single spaces: `Côte d'Ivoire` → `cote d ivoire`. */
function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** `Korea, Republic of` is also written `Republic of Korea`. */
function nameVariants(name: string): string[] {
  const variants = [name];
  const comma = /^(.+?),\s*(.+)$/.exec(name);
  if (comma) variants.push(`${comma[2]} ${comma[1]}`);
  return variants;
}

interface MemberTables {
  members: readonly WtoMember[];
  byCode: ReadonlyMap<string, WtoMember>;
  byName: ReadonlyMap<string, WtoMember>;
  euStates: readonly WtoMember[];
}

function load(): MemberTables {
  const raw = memberFile.parse(JSON.parse(readDataFile('wto/members.json')));
  const members: WtoMember[] = raw.map((m) => ({
    code: m.code,
    iso2: m.iso2,
    name: m.name,
    otherNames: m.otherNames ?? [],
    otherCodes: m.otherCodes ?? [],
    euMemberState: m.euMemberState ?? false,
  }));
  const byCode = new Map<string, WtoMember>();
  const byName = new Map<string, WtoMember>();
  const claim = (table: Map<string, WtoMember>, key: string, member: WtoMember) => {
    const other = table.get(key);
    if (other !== undefined && other !== member) {
      throw new Error(`WTO members: '${key}' names both ${other.code} and ${member.code}`);
    }
    table.set(key, member);
  };
  for (const member of members) {
    for (const code of [member.code, ...member.otherCodes]) claim(byCode, code, member);
  }
  // ISO alpha-2 codes come second: they never shadow a WTO code (only `EU` is both, for the EU).
  for (const member of members) {
    if (!byCode.has(member.iso2)) byCode.set(member.iso2, member);
  }
  for (const member of members) {
    for (const name of [member.name, ...member.otherNames].flatMap(nameVariants)) {
      claim(byName, nameKey(name), member);
    }
  }
  return { members, byCode, byName, euStates: members.filter((m) => m.euMemberState) };
}

const tables: () => MemberTables = lazy(load);

/** The 166 WTO members (165 States and separate customs territories, and the European Union). */
export function wtoMembers(): readonly WtoMember[] {
  return tables().members;
}

/**
 * A member by its symbol code (`CHN`, `EU`, `TPKM`), an older code (`EEC`) or its ISO alpha-2
 * code (`DE`), in any case; `undefined` for anything else.
 */
export function wtoMember(code: string): WtoMember | undefined {
  return tables().byCode.get(code.trim().toUpperCase());
}

export function isWtoMember(code: string): boolean {
  return wtoMember(code) !== undefined;
}

/**
 * A member by name as exports and forms write it: the WTO name, ePing's (`United States of
 * America`), inverted forms (`Republic of Korea`), in any case and with or without accents.
 */
export function wtoMemberByName(name: string): WtoMember | undefined {
  return tables().byName.get(nameKey(name));
}

/** A member by code or, failing that, by name: for cells that hold either. */
export function findWtoMember(codeOrName: string): WtoMember | undefined {
  return wtoMember(codeOrName) ?? wtoMemberByName(codeOrName);
}

/** The 27 member States of the European Union, by code order of the WTO list. */
export function euMemberStates(): readonly WtoMember[] {
  return tables().euStates;
}

/**
 * The market codes a notification by `code` concerns: a profile whose markets include any of
 * them should see it. A notification by the EU concerns the EU and each of its 27 member States
 * (an exporter to Germany is hit by an EU regulation); one by a member State concerns that State
 * and the EU (an exporter to "the EU" sells in Germany too). Any other member concerns itself
 * alone. Codes are canonical (`EEC` → `EU`); an unknown code concerns no market.
 */
export function marketsCovering(code: string): readonly string[] {
  const member = wtoMember(code);
  if (member === undefined) return [];
  if (member.code === EU_CODE) return [EU_CODE, ...euMemberStates().map((m) => m.code)];
  if (member.euMemberState) return [member.code, EU_CODE];
  return [member.code];
}
