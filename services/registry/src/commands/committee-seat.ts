import { CommitteeSeatEndedV1, CommitteeSeatGrantedV1, type EventData } from '@highland/contracts';
import { Rejection } from '@highland/contracts';
import { z } from 'zod';
import { seatId } from '../domain/aggregates/ids.js';
import type { SeatState } from '../domain/aggregates/state.js';
import { differingFields, type RegistryCommand } from './command.js';
import { AnyDate, CommitteeRef, Name, PastDate, Reason } from './fields.js';

export const GrantSeatInput = z
  .object({
    committee: CommitteeRef,
    memberKind: z.enum(['enterprise', 'engineer']),
    holder: Name,
    organisation: Name.optional(),
    role: z
      .enum(['member', 'observer', 'secretariat', 'vice-chair', 'chair', 'convenor', 'expert'])
      .default('member'),
    from: PastDate,
    to: AnyDate.optional(),
    reason: Reason,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.to && s.to < s.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'before "from"' });
    if (s.memberKind === 'engineer' && !s.organisation) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisation'],
        message: 'required for an engineer: the enterprise or institution they work for',
      });
    }
  });
export type GrantSeatBody = z.infer<typeof GrantSeatInput>;

export function grantSeat(input: GrantSeatBody): RegistryCommand {
  const committee = input.committee.normalized;
  const data: EventData<typeof CommitteeSeatGrantedV1> = {
    committee,
    committeeLevel: input.committee.scope === 'national' ? 'national' : 'international',
    memberKind: input.memberKind,
    holder: input.holder,
    ...(input.organisation ? { organisation: input.organisation } : {}),
    role: input.role,
    from: input.from,
    ...(input.to ? { to: input.to } : {}),
  };
  return {
    aggregateId: seatId(committee, input.holder),
    name: 'grant committee seat',
    reason: input.reason,
    decide: (current) => {
      const s = current?.state as SeatState | undefined;
      if (s?.active) {
        // The same grant again changes nothing; any other detail (role, organisation, end) is a
        // conflict, not an `unchanged` that would drop it.
        if (!differingFields(s, data).length) return undefined;
        throw Rejection.conflict(`${input.holder} already holds a seat on ${committee} since ${s.from}`, [
          { field: 'body.holder', reason: 'already seated on this committee' },
        ]);
      }
      return { contract: CommitteeSeatGrantedV1, data };
    },
  };
}

export const EndSeatInput = z.object({ to: PastDate, reason: Reason }).strict();
export type EndSeatBody = z.infer<typeof EndSeatInput>;

export function endSeat(aggregateId: string, input: EndSeatBody): RegistryCommand {
  return {
    aggregateId,
    name: 'end committee seat',
    reason: input.reason,
    decide: (current) => {
      const s = current?.state as SeatState | undefined;
      if (!s || s.kind !== 'committee-seat') throw Rejection.notFound(`no committee seat ${aggregateId}`);
      if (!s.active)
        throw Rejection.conflict(`the seat ended on ${s.to}`, [
          { field: 'body.to', reason: 'already ended' },
        ]);
      if (input.to < s.from)
        throw Rejection.conflict('the end is before the start', [
          { field: 'body.to', reason: `before ${s.from}` },
        ]);
      return {
        contract: CommitteeSeatEndedV1,
        data: { committee: s.committee, holder: s.holder, to: input.to },
      };
    },
  };
}
