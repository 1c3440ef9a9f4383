import { createHash } from 'node:crypto';

const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

export const threadId = (threadKey: string) => `thr-${digest(threadKey)}`;
export const profileId = (exporterId: string) => `exp-${exporterId}`;
export const alertId = (exporterId: string, documentKey: string) => `alr-${digest(exporterId, documentKey)}`;
/** Enterprises alerted without a profile (inferred from the registry) get an exporter id of their own. */
export const inferredExporterId = (enterprise: string) =>
  `ent-${digest(enterprise.normalize('NFKC').toLowerCase())
    .slice(0, 16)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
