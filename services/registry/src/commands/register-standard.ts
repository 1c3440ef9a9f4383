import { type EventData, StandardRegisteredV1 } from '@highland/contracts';
import { z } from 'zod';
import { ISO_STAGE_OF, NATIONAL_STAGES } from '../domain/stages.js';
import { standardId } from '../domain/aggregates/ids.js';
import type { RegistryState, StandardState } from '../domain/aggregates/state.js';
import { Rejection } from '@highland/contracts';
import { AnyDate, CcsCodes, IcsCodes, Name, PastDate, Reason, StandardCode } from './fields.js';
import type { RegistryCommand } from './command.js';

export const RegisterStandardInput = z
  .object({
    code: StandardCode,
    title: z.object({ zh: Name, en: Name.optional() }).strict(),
    ics: IcsCodes.default([]),
    ccs: CcsCodes.default([]),
    sector: Name,
    project: z.number().int().min(1).max(5).optional(),
    work: z
      .object({
        kind: z.enum(['formulate', 'revise', 'adopt', 'existing']),
        replacesCode: StandardCode.optional(),
        adoptedCode: StandardCode.optional(),
        degree: z.enum(['IDT', 'MOD', 'NEQ']).optional(),
      })
      .strict()
      .superRefine((w, ctx) => {
        const need = (field: 'replacesCode' | 'adoptedCode' | 'degree', when: boolean, why: string) => {
          if (when && w[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
          if (!when && w[field] !== undefined)
            ctx.addIssue({ code: 'custom', path: [field], message: `does not apply to kind '${w.kind}'` });
        };
        need('replacesCode', w.kind === 'revise', 'required when kind is revise: the edition it replaces');
        need(
          'adoptedCode',
          w.kind === 'adopt',
          'required when kind is adopt: the international or foreign standard',
        );
        need('degree', w.kind === 'adopt', 'required when kind is adopt: IDT, MOD or NEQ');
        if (w.adoptedCode && !['international', 'foreign'].includes(w.adoptedCode.level)) {
          ctx.addIssue({
            code: 'custom',
            path: ['adoptedCode'],
            message: `must be an international or advanced foreign standard; "${w.adoptedCode.normalized}" is ${w.adoptedCode.level}`,
          });
        }
      }),
    stage: z.enum(NATIONAL_STAGES).default('plan-issued'),
    leadOrganisation: Name.optional(),
    participants: z.array(Name).max(100).default([]),
    inDistrict: z.boolean().default(true),
    town: Name.optional(),
    publishedOn: PastDate.optional(),
    effectiveOn: AnyDate.optional(),
    reason: Reason,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.work.kind === 'existing' && s.stage !== 'published') {
      ctx.addIssue({
        code: 'custom',
        path: ['stage'],
        message: "an existing standard is recorded at stage 'published'",
      });
    }
    // A work item starts at the beginning, or is recorded once finished (published, with its date).
    if (s.work.kind !== 'existing' && !['plan-issued', 'drafting', 'published'].includes(s.stage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stage'],
        message:
          "a work item is registered at 'plan-issued' or 'drafting', or as 'published' when recorded after the fact",
      });
    }
    if (s.stage === 'published' && !s.publishedOn) {
      ctx.addIssue({ code: 'custom', path: ['publishedOn'], message: 'required for a published standard' });
    }
    if (s.stage !== 'published' && s.publishedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['publishedOn'],
        message: 'only a published standard has a publication date',
      });
    }
    if (s.effectiveOn && s.publishedOn && s.effectiveOn < s.publishedOn) {
      ctx.addIssue({ code: 'custom', path: ['effectiveOn'], message: 'before the publication date' });
    }
    if (s.work.replacesCode && s.work.replacesCode.normalized === s.code.normalized) {
      ctx.addIssue({
        code: 'custom',
        path: ['work', 'replacesCode'],
        message: 'a standard cannot replace itself',
      });
    }
  });
export type RegisterStandardBody = z.infer<typeof RegisterStandardInput>;

export function registerStandard(input: RegisterStandardBody): RegistryCommand {
  const code = input.code;
  const data = standardData(input);
  return {
    aggregateId: standardId(code.normalized),
    name: 'register standard',
    reason: input.reason,
    decide: (current) => {
      if (!current) return { contract: StandardRegisteredV1, data };
      const s = current.state as Extract<RegistryState, { kind: 'standard' }>;
      // The same registration again (a re-imported file) changes nothing.
      if (sameRegistration(s, data)) return undefined;
      throw Rejection.conflict(`standard ${code.normalized} is already registered (stage '${s.stage}')`, [
        { field: 'body.code', reason: 'already registered with other details' },
      ]);
    },
  };
}

function standardData(input: RegisterStandardBody): EventData<typeof StandardRegisteredV1> {
  const code = input.code;
  return {
    code: code.normalized,
    level: code.level,
    body: code.body,
    nature: code.nature,
    title: input.title,
    ics: input.ics,
    ccs: input.ccs,
    sector: input.sector,
    ...(input.project ? { project: input.project } : {}),
    work: {
      kind: input.work.kind,
      ...(input.work.replacesCode ? { replaces: input.work.replacesCode.normalized } : {}),
      ...(input.work.adoptedCode
        ? { adopts: { code: input.work.adoptedCode.normalized, degree: input.work.degree! } }
        : {}),
    },
    stage: input.stage,
    isoStage: ISO_STAGE_OF[input.stage],
    ...(input.leadOrganisation ? { leadOrganisation: input.leadOrganisation } : {}),
    participants: input.participants,
    inDistrict: input.inDistrict,
    ...(input.town ? { town: input.town } : {}),
    ...(input.publishedOn ? { publishedOn: input.publishedOn } : {}),
    ...(input.effectiveOn ? { effectiveOn: input.effectiveOn } : {}),
  };
}

function sameRegistration(s: StandardState, d: EventData<typeof StandardRegisteredV1>): boolean {
  if (s.stageHistory.length > 0) return false;
  return (Object.keys(d) as Array<keyof typeof d>).every(
    (k) => JSON.stringify(s[k]) === JSON.stringify(d[k]),
  );
}
