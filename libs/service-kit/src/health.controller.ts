import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response as ExpressResponse } from 'express';
import { register } from 'prom-client';
import { Public } from './auth.js';
import { HEALTH_CHECKS } from './tokens.js';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

/** Liveness says the process answers; readiness checks NATS, the store and the service's own views. */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  @Public()
  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) res: ExpressResponse) {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        const started = performance.now();
        try {
          await Promise.race([
            c.check(),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('timed out after 2 s')), 2_000).unref(),
            ),
          ]);
          return { name: c.name, status: 'up', ms: Math.round(performance.now() - started) };
        } catch (err) {
          return { name: c.name, status: 'down', error: (err as Error).message };
        }
      }),
    );
    const ok = results.every((r) => r.status === 'up');
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not ready', checks: results };
  }

  @Public()
  @Get('metrics')
  async metrics(@Res() res: ExpressResponse) {
    res.type(register.contentType).send(await register.metrics());
  }
}
