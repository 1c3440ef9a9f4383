import { ParticipantRegisteredV1 } from '@highland/contracts';
import { z } from 'zod';
import { participantId } from '../domain/ids.js';
import type { IncentivesCommand } from './command.js';
import { ParticipantSlug, sameContent } from './fields.js';

export const RegisterParticipantInput = z
  .object({
    participantId: ParticipantSlug,
    role: z.enum(['enterprise', 'reviewer', 'finance']),
    name: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .describe('enterprise: its name exactly as the registry records it'),
    organisation: z.string().trim().min(1).max(300).describe('reviewers: the organisation they work for'),
  })
  .strict();
export type RegisterParticipantBody = z.infer<typeof RegisterParticipantInput>;

/** Records who an API key acts for; the same record again changes nothing, a correction is recorded. */
export function registerParticipant(input: RegisterParticipantBody): IncentivesCommand {
  return {
    aggregateId: participantId(input.participantId),
    name: 'register participant',
    decide: (current) => {
      if (current?.state.kind === 'participant') {
        const { kind: _kind, ...was } = current.state;
        if (sameContent(was, input)) return undefined;
      }
      return { contract: ParticipantRegisteredV1, data: input };
    },
  };
}
