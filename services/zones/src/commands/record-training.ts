import { ZoneTrainingRecordedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { same, type ZoneCommand, zoneInCharge } from './command.js';
import { PastDate, Reason } from './fields.js';
import { assertOpen } from './apply-standards.js';

export const RecordTrainingInput = z
  .object({
    on: PastDate,
    topic: z.string().trim().min(1).max(300),
    attendees: z.number().int().positive().max(100_000),
    reason: Reason,
  })
  .strict();
export type RecordTrainingBody = z.infer<typeof RecordTrainingInput>;

/** A training session of the zone; the same session posted twice is recorded once. */
export function recordTraining(id: string, input: RecordTrainingBody, who: Authority): ZoneCommand {
  const data = { on: input.on, topic: input.topic, attendees: input.attendees };
  return {
    aggregateId: id,
    name: 'record training',
    reason: input.reason,
    decide: (current) => {
      const zone = zoneInCharge(id, current, who);
      assertOpen(zone);
      if (zone.trainings.some((t) => same(t, data))) return undefined;
      return { contract: ZoneTrainingRecordedV1, data };
    },
  };
}
