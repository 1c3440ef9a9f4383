import { Rejection, ZONE_LEVELS, ZoneRegisteredV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { zoneId } from '../domain/ids.js';
import { same, type ZoneCommand } from './command.js';
import { AnyDate, PastDate, Reason } from './fields.js';
import { departmentInCharge, profileOf, ZoneProfileInput } from './propose-zone.js';

/** A zone the district already has, recorded at the stage it has reached (`./highland import zones`). */
export const RegisterZoneInput = ZoneProfileInput.extend({
  stage: z.enum(['approved', 'under-construction', 'passed']),
  approvedLevel: z.enum(ZONE_LEVELS).optional(),
  batch: z.string().trim().min(1).max(100),
  approvalDocument: z.string().trim().min(1).max(200),
  approvedOn: PastDate,
  constructionFrom: AnyDate,
  constructionTo: AnyDate,
  constructionStartedOn: PastDate.optional(),
  passedOn: PastDate.optional(),
  reason: Reason,
})
  .strict()
  .superRefine((s, ctx) => {
    if (s.constructionTo <= s.constructionFrom)
      ctx.addIssue({ code: 'custom', path: ['constructionTo'], message: 'not after constructionFrom' });
    if (s.stage === 'passed' && !s.passedOn)
      ctx.addIssue({ code: 'custom', path: ['passedOn'], message: "required when the stage is 'passed'" });
    if (s.stage !== 'passed' && s.passedOn)
      ctx.addIssue({ code: 'custom', path: ['passedOn'], message: "only for the stage 'passed'" });
    if (s.passedOn && s.passedOn < s.approvedOn)
      ctx.addIssue({ code: 'custom', path: ['passedOn'], message: 'before the approval' });
    if (s.constructionStartedOn && s.constructionStartedOn < s.approvedOn)
      ctx.addIssue({ code: 'custom', path: ['constructionStartedOn'], message: 'before the approval' });
  });
export type RegisterZoneBody = z.infer<typeof RegisterZoneInput>;

export function registerZone(input: RegisterZoneBody, who: Authority): ZoneCommand {
  const department = departmentInCharge(input, who);
  const data = {
    ...profileOf(input, department),
    stage: input.stage,
    approval: {
      level: input.approvedLevel ?? input.levelSought,
      batch: input.batch,
      approvalDocument: input.approvalDocument,
      approvedOn: input.approvedOn,
      constructionFrom: input.constructionFrom,
      constructionTo: input.constructionTo,
    },
    ...(input.constructionStartedOn ? { constructionStartedOn: input.constructionStartedOn } : {}),
    ...(input.passedOn ? { passedOn: input.passedOn } : {}),
  };
  return {
    aggregateId: zoneId(input.name),
    name: 'register existing zone',
    reason: input.reason,
    decide: (current) => {
      if (current) {
        const s = current.state;
        const recorded = {
          ...profileOf(s, s.department),
          stage: s.steps[0]?.to,
          approval: s.approval,
          ...(s.construction ? { constructionStartedOn: s.construction.on } : {}),
          ...(s.passed ? { passedOn: s.passed.on } : {}),
        };
        if (s.registered && same(recorded, data)) return undefined;
        throw Rejection.conflict(`zone "${input.name}" is already recorded (${s.state})`, [
          { field: 'body.name', reason: 'a zone of this name exists' },
        ]);
      }
      return { contract: ZoneRegisteredV1, data };
    },
  };
}
