import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { ZoneProfile } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ZoneProposedV1 = defineEvent({
  service: 'zones',
  name: 'zone-proposed',
  version: 1,
  aggregateType: 'zone',
  description:
    'A demonstration zone or pilot was proposed by its undertaking organisation, with the department in charge.',
  data: z
    .object({
      ...ZoneProfile.shape,
      proposedOn: IsoDate,
    })
    .strict(),
});
