import { ProgrammeDefinition } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ProgrammeDefinedV1 = defineEvent({
  service: 'incentives',
  name: 'programme-defined',
  version: 1,
  aggregateType: 'programme',
  description:
    'The office defined (or redefined) an award, subsidy or grant programme: budget, caps, window and eligibility rules as data.',
  data: ProgrammeDefinition,
});
