import { Controller, Get, Inject, type OnModuleDestroy, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@highland/service-kit';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { progressMessage } from '../progress/progress-publisher.js';
import { type ProgressChange, ReportingView } from '../view/reporting-view.js';

const HEARTBEAT_MS = 15_000;

@ApiTags('progress')
@Controller('progress')
export class ProgressController implements OnModuleDestroy {
  private readonly open = new Set<ExpressResponse>();

  constructor(@Inject(ReportingView) private readonly view: ReportingView) {}

  /** Shutdown ends the streams so the HTTP server can close; clients reconnect with Last-Event-ID. */
  onModuleDestroy(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Current progress of every indicator (or of one plan)' })
  @ApiQuery({ name: 'plan', required: false })
  current(@Query('plan') plan?: string) {
    return {
      position: this.view.position,
      progress: this.view
        .snapshot(plan)
        .map((attainment) => progressMessage({ position: this.view.position, attainment })),
    };
  }

  @Public()
  @Get('stream')
  @ApiOperation({
    summary: 'Live progress (Server-Sent Events)',
    description:
      'First message: `snapshot` (every indicator). Then `progress` per changed indicator; the event id is the position in the event history. Reconnect with Last-Event-ID to receive what was missed (or a new snapshot when it is too old).',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'plan', required: false })
  stream(@Req() req: ExpressRequest, @Res() res: ExpressResponse, @Query('plan') plan?: string) {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const send = (event: string, id: string, data: unknown) =>
      res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const relevant = (c: ProgressChange) => !plan || c.planId === plan;
    const sendChanges = (changes: ProgressChange[]) => {
      for (const c of changes.filter(relevant)) send('progress', c.position, progressMessage(c));
    };

    const lastId =
      (req.headers['last-event-id'] as string | undefined) ?? (req.query.lastEventId as string | undefined);
    const missed = lastId ? this.view.changesSince(lastId) : undefined;
    if (missed) sendChanges(missed);
    else
      send('snapshot', this.view.position, {
        position: this.view.position,
        plans: this.plans(plan),
        progress: this.current(plan).progress,
      });

    this.open.add(res);
    const unsubscribe = this.view.onChange(sendChanges);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      this.open.delete(res);
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  private plans(plan?: string) {
    return this.view.state
      .planList()
      .filter((p) => !plan || p.id === plan)
      .map((p) => ({ id: p.id, name: p.name, period: p.period }));
  }
}
