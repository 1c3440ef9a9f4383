import 'reflect-metadata';
import type { EventContract, RequestContract } from '@highland/contracts';
import type { ConsumerSpec } from '../consumer.js';

export const ON_EVENT = Symbol('highland:on-event');
export const ON_REPLAY = Symbol('highland:on-replay');

export type OnEventOptions = Pick<
  ConsumerSpec,
  | 'durable'
  | 'concurrency'
  | 'batchSize'
  | 'lingerMs'
  | 'orderByAggregate'
  | 'maxDeliver'
  | 'backoffMs'
  | 'ackWaitMs'
  | 'singleActive'
  | 'description'
> & {
  /** The method takes a batch (`handleBatch`) instead of one event at a time. */
  batch?: boolean;
};

/**
 * Options written in the decorator, or read from the provider once Nest has built it, for
 * options that come from the injected configuration:
 *   @OnEvent(AlertRaisedV1, (self: WebhookDelivery) => ({ durable: 'tbt-webhooks', ...self.retries }))
 */
export type OnEventOptionsOf<T> = OnEventOptions | ((provider: T) => OnEventOptions);

export interface OnEventMetadata {
  contracts: EventContract[];
  options: OnEventOptionsOf<unknown>;
}

/**
 * Declares a method of a provider as the handler of a durable JetStream consumer:
 *   @OnEvent([StandardRegisteredV1, StandardStageChangedV1], { durable: 'reporting-standards' })
 *   async onStandard(event: EventEnvelope, ctx: HandlerContext) { … }
 * It is acked only after the method resolves; a throw is retried with backoff, then dead-lettered.
 */
export function OnEvent<T = unknown>(
  contracts: EventContract | EventContract[],
  options: OnEventOptionsOf<T>,
): MethodDecorator {
  const list = Array.isArray(contracts) ? contracts : [contracts];
  const services = new Set(list.map((c) => c.service));
  if (services.size !== 1) {
    const name = typeof options === 'function' ? list.map((c) => c.type).join(', ') : options.durable;
    throw new Error(`@OnEvent(${name}): contracts must come from one service's stream`);
  }
  const metadata: OnEventMetadata = { contracts: list, options: options as OnEventOptionsOf<unknown> };
  return (target, key) => {
    Reflect.defineMetadata(ON_EVENT, metadata, target, key);
  };
}

/** Marks the method that resets a consumer's effects before `./highland replay <consumer>` re-reads its stream. */
export function OnReplay(durable: string): MethodDecorator {
  return (target, key) => {
    Reflect.defineMetadata(ON_REPLAY, durable, target, key);
  };
}

export const ON_REQUEST = Symbol('highland:on-request');

/**
 * Declares a provider's method as the answer to a request contract of this service:
 *   @OnRequest(EnterpriseIcsV1) enterpriseIcs(request) { … }
 * Served on the service's own NATS connection (one replica answers each request).
 */
export function OnRequest(contract: RequestContract): MethodDecorator {
  return (target, key) => {
    Reflect.defineMetadata(ON_REQUEST, contract, target, key);
  };
}
