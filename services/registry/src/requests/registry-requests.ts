import { Inject, Injectable } from '@nestjs/common';
import { EnterpriseIcsV1, GetStandardV1, type ReplyOf, type RequestOf } from '@highland/contracts';
import { OnRequest } from '@highland/messaging';
import { parseStandardCode } from '../domain/standard-code.js';
import { RegistryView } from '../view/registry-view.js';

/** What other services ask the registry over NATS request/reply (contracts in @highland/contracts). */
@Injectable()
export class RegistryRequests {
  constructor(@Inject(RegistryView) private readonly view: RegistryView) {}

  /** A standard by code: `{ found: false, reason }` when the code is malformed or unknown. */
  @OnRequest(GetStandardV1)
  standard(request: RequestOf<typeof GetStandardV1>): ReplyOf<typeof GetStandardV1> {
    const parsed = parseStandardCode(request.code);
    if (!parsed.ok) return { found: false, reason: parsed.error.reason };
    const id = this.view.standardIdByCode(parsed.code.normalized);
    const entry = id ? this.view.get(id) : undefined;
    return id && entry
      ? { found: true, id, version: entry.version, standard: { ...entry.state } }
      : { found: false, reason: 'not registered' };
  }

  /** ICS codes of the standards each enterprise leads or takes part in: TBT's proactive matching. */
  @OnRequest(EnterpriseIcsV1)
  enterpriseIcs(): ReplyOf<typeof EnterpriseIcsV1> {
    const byEnterprise: Record<string, string[]> = {};
    for (const [, e] of this.view.of('standard')) {
      const s = e.state;
      for (const org of [s.leadOrganisation, ...s.participants]) {
        if (!org) continue;
        const list = (byEnterprise[org] ??= []);
        for (const c of s.ics) if (!list.includes(c)) list.push(c);
      }
    }
    return byEnterprise;
  }
}
