import type { CommandResult } from '@highland/persistence';
import type { Response as ExpressResponse } from 'express';

export interface CommandResponseBody<T> {
  id: string;
  status: 'recorded' | 'unchanged';
  version: number;
  event?: { id: string; type: string; version: number; seq: number };
  item: T;
}

/**
 * Every command's answer: 201 with the event when it changed something (and a Location when the
 * item has a URL), 200 with `unchanged` when the same thing was recorded again.
 */
export function commandResponse<S, T = S>(
  res: ExpressResponse,
  id: string,
  result: CommandResult<S>,
  opts: { location?: string; item?: (state: S) => T } = {},
): CommandResponseBody<T> {
  const item = (opts.item ? opts.item(result.entry.state) : result.entry.state) as T;
  if (!result.changed) {
    res.status(200);
    return { id, status: 'unchanged', version: result.entry.version, item };
  }
  res.status(201);
  if (opts.location) res.setHeader('Location', opts.location);
  return {
    id,
    status: 'recorded',
    version: result.entry.version,
    event: {
      id: result.event.id,
      type: result.event.type,
      version: result.event.version,
      seq: result.streamSeq,
    },
    item,
  };
}
