import { type AuthenticatedRequest, callerOf, hasScope, NotFoundProblem } from '@highland/service-kit';

/** Exporters see only their own profile, alerts and deliveries; the TBT centre and the office see all. */
export function canSeeAll(req: AuthenticatedRequest): boolean {
  return hasScope(callerOf(req).record, 'tbt:notifications');
}

export function exporterDepartment(exporterId: string): string {
  return `exp-${exporterId}`;
}

/** Another exporter's data answers 404, so ids of others cannot even be probed. */
export function assertExporterAccess(req: AuthenticatedRequest, exporterId: string): void {
  if (canSeeAll(req)) return;
  if (callerOf(req).record.department !== exporterDepartment(exporterId))
    throw new NotFoundProblem(`no exporter ${exporterId}`);
}

/** The exporter a caller acts for (undefined for the centre and the office). */
export function callerExporter(req: AuthenticatedRequest): string | undefined {
  if (canSeeAll(req)) return undefined;
  const dept = callerOf(req).record.department;
  return dept.startsWith('exp-') ? dept.slice(4) : undefined;
}
