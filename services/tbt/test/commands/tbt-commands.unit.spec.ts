// Each TBT command's decision without servers: the event it records, "unchanged" for the same thing
// again, and each refusal as a Rejection (the edge maps it to problem+json).
import { type EventEnvelope, Rejection } from '@highland/contracts';
import type { AggregateEntry } from '@highland/persistence';
import { describe, expect, it } from 'vitest';
import { reduce, type TbtState } from '../../src/aggregates/state.js';
import { acknowledgeAlert, AcknowledgeInput } from '../../src/commands/acknowledge-alert.js';
import type { TbtCommand } from '../../src/commands/command.js';
import { raiseAlert } from '../../src/commands/raise-alert.js';
import { recordDelivery } from '../../src/commands/record-delivery.js';
import { WebhookTargetPolicy } from '../../src/adapters/webhook-target.js';
import { ProfileInput, recordProfile } from '../../src/commands/record-profile.js';

/** The entry after `command` was recorded on `current`. */
function after(command: TbtCommand, current?: AggregateEntry<TbtState>): AggregateEntry<TbtState> {
  const decision = command.decide(current);
  if (!decision) throw new Error(`${command.name} recorded nothing`);
  const event = {
    type: decision.contract.type,
    data: decision.data,
    actor: { department: 'tbt-centre', user: 'wang.fang' },
    occurredAt: '2025-06-11T08:00:00Z',
  } as EventEnvelope;
  const version = (current?.version ?? 0) + 1;
  return { state: reduce(current?.state, event), version, streamSeq: version };
}

function rejection(fn: () => unknown): Rejection {
  try {
    fn();
  } catch (err) {
    if (err instanceof Rejection) return err;
    throw err;
  }
  throw new Error('not refused');
}

const alert = raiseAlert({
  exporterId: 'paints',
  enterprise: 'Chongqing Sanxia Paints',
  threadKey: 'G/TBT/N/MWI/999',
  documentKey: 'G/TBT/N/MWI/999',
  title: 'Paints and varnishes',
  member: 'MWI',
  inferred: false,
  reasons: [{ rule: 'hs', profileValue: '3208', notificationValue: '320890', field: 'hsCodes' }],
});

describe('raiseAlert', () => {
  it('raises one alert per exporter and document, however often it is matched', () => {
    const raised = after(alert);
    expect(raised.state).toMatchObject({ kind: 'alert', exporterId: 'paints', inferred: false });
    expect(alert.decide(raised)).toBeUndefined();
  });
});

describe('recordDelivery', () => {
  const delivered = recordDelivery(alert.aggregateId, {
    channel: 'webhook',
    outcome: 'delivered',
    attempts: 2,
  });

  it('records the delivery once; a later attempt changes nothing', () => {
    const entry = after(delivered, after(alert));
    expect(entry.state).toMatchObject({ delivery: { outcome: 'delivered', attempts: 2 } });
    expect(delivered.decide(entry)).toBeUndefined();
  });

  it('refuses an alert that does not exist as not found', () => {
    expect(rejection(() => delivered.decide(undefined)).kind).toBe('not-found');
  });

  it('records giving up once, with why; a later delivery (a re-driven dead letter) still counts', () => {
    const givenUp = recordDelivery(alert.aggregateId, {
      channel: 'webhook',
      outcome: 'dead-lettered',
      attempts: 9,
      status: 500,
      error: 'webhook http://127.0.0.1:1/hooks answered HTTP 500',
    });
    expect(givenUp.reason).toBe(
      'given up after 9 attempts: webhook http://127.0.0.1:1/hooks answered HTTP 500',
    );
    const entry = after(givenUp, after(alert));
    expect(entry.state).toMatchObject({ delivery: { outcome: 'dead-lettered', attempts: 9, status: 500 } });
    expect(givenUp.decide(entry)).toBeUndefined();
    const redriven = after(delivered, entry);
    expect(redriven.state).toMatchObject({ delivery: { outcome: 'delivered' } });
    expect(givenUp.decide(redriven)).toBeUndefined();
  });
});

describe('acknowledgeAlert', () => {
  const answer = AcknowledgeInput.parse({
    impact: 'high',
    action: 'adapt-product',
    tradeConcernCandidate: true,
  });

  it("records the exporter's answer; the same answer again changes nothing", () => {
    const ack = acknowledgeAlert(alert.aggregateId, 'paints', answer);
    const entry = after(ack, after(alert));
    expect(entry.state).toMatchObject({ acknowledgement: { ...answer, by: 'wang.fang' } });
    expect(ack.decide(entry)).toBeUndefined();
  });

  it("answers another exporter's alert as not found, so ids cannot be probed", () => {
    const cocoa = acknowledgeAlert(alert.aggregateId, 'cocoa', answer);
    expect(rejection(() => cocoa.decide(after(alert))).kind).toBe('not-found');
    // The centre and the office (no exporter of their own) may acknowledge any alert.
    expect(acknowledgeAlert(alert.aggregateId, undefined, answer).decide(after(alert))).toBeDefined();
  });

  it('refuses to withdraw a trade-concern proposal, naming the field', () => {
    const proposed = after(acknowledgeAlert(alert.aggregateId, 'paints', answer), after(alert));
    const withdrawn = acknowledgeAlert(alert.aggregateId, 'paints', {
      ...answer,
      tradeConcernCandidate: false,
    });
    const refused = rejection(() => withdrawn.decide(proposed));
    expect(refused.kind).toBe('conflict');
    expect(refused.errors).toEqual([
      { field: 'body.tradeConcernCandidate', reason: 'cannot be withdrawn here' },
    ]);
  });
});

describe('recordProfile', () => {
  const refuseWebhookUrl = (url: string) => new WebhookTargetPolicy().refuseUrl(url);
  const body = ProfileInput.parse({
    exporterId: 'paints',
    enterprise: 'Chongqing Sanxia Paints',
    hs: ['3208'],
    markets: ['EU'],
    keywords: ['varnish'],
    delivery: {
      webhookUrl: 'https://paints.example/hooks',
      webhookSecret: 'whsec_0123456789abcdef',
      digest: 'daily',
    },
  });

  it('records the checked profile with whether a secret is set, never the secret', () => {
    const cmd = recordProfile(body, { hasSecret: true, refuseWebhookUrl });
    expect(cmd.aggregateId).toBe('exp-paints');
    const decision = cmd.decide(undefined);
    expect(decision?.data).toEqual({
      exporterId: 'paints',
      enterprise: 'Chongqing Sanxia Paints',
      hs: ['3208'],
      ics: [],
      markets: ['EU'],
      keywords: ['varnish'],
      objectives: [],
      areas: [],
      delivery: { webhookUrl: 'https://paints.example/hooks', hasSecret: true, digest: 'daily' },
    });
    expect(JSON.stringify(decision?.data)).not.toContain('whsec_');
  });

  it('changes nothing for the same profile, and records a changed one', () => {
    const entry = after(recordProfile(body, { hasSecret: true, refuseWebhookUrl }));
    expect(recordProfile(body, { hasSecret: true, refuseWebhookUrl }).decide(entry)).toBeUndefined();
    expect(
      recordProfile({ ...body, hs: ['3209'] }, { hasSecret: true, refuseWebhookUrl }).decide(entry),
    ).toBeDefined();
  });

  it('refuses a webhook aimed at an internal address as invalid, naming the field and why', () => {
    const internal = {
      ...body,
      delivery: { ...body.delivery, webhookUrl: 'http://169.254.169.254/latest/' },
    };
    const refused = rejection(() => recordProfile(internal, { hasSecret: true, refuseWebhookUrl }));
    expect(refused.kind).toBe('invalid');
    expect(refused.errors).toEqual([
      {
        field: 'body.delivery.webhookUrl',
        reason:
          '169.254.169.254 is a link-local address, not allowed as a webhook target (TBT_WEBHOOK_ALLOWED_HOSTS)',
      },
    ]);
  });

  it('refuses codes outside HS 2022 as invalid, naming the field', () => {
    const refused = rejection(() =>
      recordProfile({ ...body, hs: ['9999'] }, { hasSecret: false, refuseWebhookUrl }),
    );
    expect(refused.kind).toBe('invalid');
    expect(refused.errors[0]?.field).toMatch(/^body\.hs/);
  });
});
