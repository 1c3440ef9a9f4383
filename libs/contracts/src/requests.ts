import { z } from 'zod';
import { assertToken } from './subjects.js';

/**
 * A question one service answers for others over NATS request/reply: the request and reply
 * schemas live here once, both sides validate against them, and the subject follows from the
 * contract (`<service>.rpc.<name>.v<version>`), so no service spells another's subject.
 */
export interface RequestContract<Req extends z.ZodType = z.ZodType, Rep extends z.ZodType = z.ZodType> {
  /** The service that answers. */
  service: string;
  name: string;
  version: number;
  description: string;
  request: Req;
  reply: Rep;
  subject: string;
}

export type RequestOf<C extends RequestContract> = z.infer<C['request']>;
export type ReplyOf<C extends RequestContract> = z.infer<C['reply']>;

export function defineRequest<Req extends z.ZodType, Rep extends z.ZodType>(def: {
  service: string;
  name: string;
  version: number;
  description: string;
  request: Req;
  reply: Rep;
}): RequestContract<Req, Rep> {
  assertToken('service', def.service);
  assertToken('request name', def.name);
  return { ...def, subject: `${def.service}.rpc.${def.name}.v${def.version}` };
}

/** The reply when the answering side refused or failed: the caller sees why, never a hang. */
export const RequestError = z
  .object({ error: z.object({ kind: z.string(), message: z.string() }).strict() })
  .strict();
export type RequestError = z.infer<typeof RequestError>;
