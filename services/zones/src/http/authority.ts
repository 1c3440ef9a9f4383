import { Rejection } from '@highland/contracts';
import { type AuthenticatedRequest, hasScope } from '@highland/service-kit';
import type { Authority } from '../domain/authority.js';

/** The caller's department, and whether its key speaks for every zone (the office: `*` or `zones:*`). */
export function authorityOf(req: AuthenticatedRequest): Authority {
  const record = req.caller?.record;
  if (!record) throw Rejection.forbidden('no caller');
  return { department: record.department, office: hasScope(record, 'zones:*') };
}
