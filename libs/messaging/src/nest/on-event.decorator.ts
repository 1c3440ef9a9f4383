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

export interface OnEventMetadata {
  contracts: EventContract[];
  options: OnEventOptions;
}

/**
 * Declares a method of a provider as the handler of a durable JetStream consumer:
 *   @OnEvent([StandardRegisteredV1, StandardStageChangedV1], { durable: 'reporting-standards' })
 *   async onStandard(event: EventEnvelope, ctx: HandlerContext) { … }
 * It is acked only after the method resolves; a throw is retried with backoff, then dead-lettered.
 */
export function OnEvent(
  contracts: EventContract | EventContract[],
  options: OnEventOptions,
): MethodDecorator {
  const list = Array.isArray(contracts) ? contracts : [contracts];
  const services = new Set(list.map((c) => c.service));
  if (services.size !== 1)
    throw new Error(`@OnEvent(${options.durable}): contracts must come from one service's stream`);
  return (target, key) => {
    Reflect.defineMetadata(ON_EVENT, { contracts: list, options } satisfies OnEventMetadata, target, key);
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
