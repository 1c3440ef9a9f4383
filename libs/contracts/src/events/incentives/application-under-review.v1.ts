import { z } from 'zod';
import { defineEvent } from '../../envelope.js';
import { Slug } from './shapes.js';

export const ApplicationUnderReviewV1 = defineEvent({
  service: 'incentives',
  name: 'application-under-review',
  version: 1,
  aggregateType: 'application',
  description:
    'The office sent the application to review (again, after an appeal), assigned to reviewers none of whom belongs to the applicant organisation.',
  data: z.object({ round: z.number().int().min(1), reviewers: z.array(Slug) }).strict(),
});
