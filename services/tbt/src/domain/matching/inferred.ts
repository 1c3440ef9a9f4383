import { icsPrefixMatch } from '@highland/reference-data';
import { uniqueBy } from '../text.js';
import { cmp } from './collections.js';
import { compareReasons, normalizeIcsCode, type MatchableNotification, type MatchReason } from './rules.js';

/** An alert for an enterprise that has no matching profile but registered standards that share ICS codes. */
export interface InferredMatch {
  enterpriseId: string;
  inferred: true;
  /** `ics` reasons: `profileValue` is the ICS code of the enterprise's registered standard or filing. */
  reasons: MatchReason[];
}

/**
 * Proactive matching: enterprises whose standards or filings in the registry carry an ICS code
 * that is a prefix of, or under, one of the notification's ICS codes (market and area do not
 * apply: there is no profile to restrict them). `exclude` skips enterprises already alerted
 * through a profile. Sorted by enterprise id.
 */
export function inferredMatches(
  notification: Pick<MatchableNotification, 'icsCodes'>,
  registryIcsByEnterprise: ReadonlyMap<string, readonly string[]>,
  options: { exclude?: ReadonlySet<string> } = {},
): InferredMatch[] {
  const codes = uniqueBy(
    notification.icsCodes.map(normalizeIcsCode).filter((c) => c !== ''),
    (c) => c,
  );
  if (codes.length === 0) return [];
  const out: InferredMatch[] = [];
  for (const [enterpriseId, registered] of registryIcsByEnterprise) {
    if (options.exclude?.has(enterpriseId)) continue;
    const reasons: MatchReason[] = [];
    for (const p of uniqueBy(registered.map(normalizeIcsCode), (c) => c)) {
      for (const n of codes) {
        if (p !== '' && (icsPrefixMatch(p, n) || icsPrefixMatch(n, p))) {
          reasons.push({ rule: 'ics', profileValue: p, notificationValue: n, field: 'icsCodes' });
        }
      }
    }
    if (reasons.length > 0) out.push({ enterpriseId, inferred: true, reasons: reasons.sort(compareReasons) });
  }
  return out.sort((a, b) => cmp(a.enterpriseId, b.enterpriseId));
}
