import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Rejection } from '@highland/contracts';
import {
  callContext,
  CONFIG,
  commandResponse,
  type IdempotentRequest,
  NotFoundProblem,
  RequireScope,
  ZodQuery,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import { EvidenceStore } from '../adapters/evidence-store.js';
import {
  attachEvidence,
  checkEvidenceTarget,
  EvidenceQuery,
  type EvidenceParams,
} from '../commands/attach-evidence.js';
import { ZonesCommands } from '../commands/zones-commands.js';
import type { ZonesConfig } from '../config.js';
import { EVIDENCE_TYPES, mediaType, safeFileName } from '../domain/evidence.js';
import { ZonesView } from '../view/zones-view.js';
import { authorityOf } from './authority.js';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  constructor(
    @Inject(ZonesCommands) private readonly commands: ZonesCommands,
    @Inject(ZonesView) private readonly view: ZonesView,
    @Inject(EvidenceStore) private readonly store: EvidenceStore,
    @Inject(CONFIG) private readonly config: ZonesConfig,
  ) {}

  @Post('zones/:id/evidence')
  @RequireScope('zones:zones')
  @ApiOperation({
    summary: 'Attach a file (PDF, photo, Office document) to the zone, one of its inspections or a milestone',
    description:
      'The body is the file itself, streamed into the JetStream object store; its type is checked against its first bytes, its size against ZONES_EVIDENCE_MAX_BYTES, and an X-Checksum-Sha256 header (hex), when sent, against what arrived. A refused or interrupted upload stores nothing.',
  })
  @ApiConsumes(...Object.keys(EVIDENCE_TYPES))
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'name', required: true, description: 'the file name' })
  @ApiQuery({ name: 'attachedTo', required: false, description: 'zone (default), inspection or milestone' })
  @ApiQuery({
    name: 'inspection',
    required: false,
    description: 'the inspection number (attachedTo=inspection)',
  })
  @ApiQuery({ name: 'milestone', required: false, description: 'the milestone (attachedTo=milestone)' })
  async upload(
    @Param('id') id: string,
    @ZodQuery(EvidenceQuery) q: EvidenceParams,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const who = authorityOf(req);
    // Everything that can be refused before a byte is read, is.
    checkEvidenceTarget(id, this.view.get(id), who, q);
    const fileName = safeFileName(q.name);
    if (!fileName)
      throw Rejection.invalid('a file name', [{ field: 'query.name', reason: 'not a file name' }]);
    const contentType = mediaType(req.headers['content-type']);
    const sniff = EVIDENCE_TYPES[contentType];
    if (!sniff)
      throw Rejection.unprocessable(`files of type "${contentType || 'none'}" are not accepted`, [
        { field: 'header.content-type', reason: `one of ${Object.keys(EVIDENCE_TYPES).join(', ')}` },
      ]);
    const max = this.config.ZONES_EVIDENCE_MAX_BYTES;
    if (Number(req.headers['content-length'] ?? 0) > max)
      throw Rejection.unprocessable(`the file is larger than ${max} bytes`, [
        { field: 'header.content-length', reason: `more than ${max} bytes` },
      ]);
    const expected = req.headers['x-checksum-sha256'];
    if (expected !== undefined && (typeof expected !== 'string' || !/^[0-9a-fA-F]{64}$/.test(expected)))
      throw Rejection.invalid('a SHA-256 in hex', [
        { field: 'header.x-checksum-sha256', reason: '64 hex digits' },
      ]);

    const evidenceId = randomUUID();
    const object = `${id}/${evidenceId}`;
    const stored = await this.store.put(object, req, { maxBytes: max, sniff, contentType });
    try {
      if (expected && expected.toLowerCase() !== stored.sha256)
        throw Rejection.unprocessable('the file arrived different from what was sent', [
          { field: 'header.x-checksum-sha256', reason: `the bytes received hash to ${stored.sha256}` },
        ]);
      const cmd = attachEvidence(id, q, { evidenceId, object, fileName, contentType, ...stored }, who);
      return commandResponse(res, id, await this.commands.run(cmd, callContext(req)), {
        location: `/zones/${id}/evidence/${evidenceId}`,
        item: (zone) => zone.evidence.find((e) => e.evidenceId === evidenceId),
      });
    } catch (err) {
      await this.store.delete(object).catch(() => undefined);
      throw err;
    }
  }

  @Get('zones/:id/evidence')
  @RequireScope('zones:read')
  @ApiOperation({ summary: "The zone's evidence files: name, type, size, SHA-256, what each is attached to" })
  list(@Param('id') id: string) {
    const e = this.view.get(id);
    if (!e) throw new NotFoundProblem(`no zone ${id}`);
    return { id, items: e.state.evidence };
  }

  @Get('zones/:id/evidence/:evidenceId')
  @RequireScope('zones:read')
  @ApiOperation({ summary: 'Download an evidence file, byte for byte (streamed; ETag is its SHA-256)' })
  async download(
    @Param('id') id: string,
    @Param('evidenceId') evidenceId: string,
    @Res() res: ExpressResponse,
  ): Promise<void> {
    const file = this.view.get(id)?.state.evidence.find((e) => e.evidenceId === evidenceId);
    if (!file) throw new NotFoundProblem(`no evidence ${evidenceId} on zone ${id}`);
    const stored = await this.store.get(file.object);
    if (!stored) throw new NotFoundProblem(`evidence ${evidenceId} is recorded but its bytes are missing`);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    await pipeline(stored.stream, res);
  }
}
