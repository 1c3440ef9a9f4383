import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { rpcSubject } from '@highland/service-kit';
import { parseStandardCode } from '../domain/standard-code.js';
import { RegistryView } from '../view/registry-view.js';

/** Queries other services ask over NATS request/reply (e.g. reporting's drill-down, TBT's enterprise standards). */
@Controller()
export class RegistryRpcController {
  constructor(@Inject(RegistryView) private readonly view: RegistryView) {}

  /** A standard by code: `{ found: false, reason }` when the code is malformed or unknown. */
  @MessagePattern(rpcSubject('registry.standard.get'))
  standard(@Payload() payload: { code?: unknown }) {
    const parsed = parseStandardCode(typeof payload?.code === 'string' ? payload.code : '');
    if (!parsed.ok) return { found: false, reason: parsed.error.reason };
    const id = this.view.standardIdByCode(parsed.code.normalized);
    const entry = id ? this.view.get(id) : undefined;
    return entry
      ? { found: true, id, version: entry.version, standard: entry.state }
      : { found: false, reason: 'not registered' };
  }

  /** ICS codes of the standards each enterprise leads or takes part in: TBT's proactive matching. */
  @MessagePattern(rpcSubject('registry.enterprise-ics'))
  enterpriseIcs() {
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
