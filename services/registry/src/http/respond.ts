import type { Response as ExpressResponse } from 'express';
import type { CommandResult } from '@highland/persistence';
import type { RegistryState } from '../domain/aggregates/state.js';

/** 201 with the event for a change; 200 with `unchanged` when the same thing was recorded again. */
export function commandResponse(res: ExpressResponse, id: string, result: CommandResult<RegistryState>) {
  if (!result.changed) {
    res.status(200);
    return { id, status: 'unchanged', version: result.entry.version, item: result.entry.state };
  }
  res.status(201);
  res.setHeader('Location', `/items/${id}`);
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
    item: result.entry.state,
  };
}
