import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { collectDefaultMetrics } from 'prom-client';
import { verifyBodyText } from './body-text.js';
import type { BaseConfig } from './config.js';
import { buildOpenApiDocument } from './openapi.js';
import { httpTraceContext } from './trace-context.js';

export interface ServiceDefinition {
  service: string;
  title: string;
  description: string;
  version?: string;
  module: Type<unknown> | DynamicModule;
  config: BaseConfig;
  configure?: (app: NestExpressApplication) => void | Promise<void>;
}

/** Builds the app with every shared default; used by main.ts and by tests that run a service in-process. */
export async function createService(def: ServiceDefinition): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(def.module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // `verify` is Nest's own only with { rawBody: true }, which no service uses.
  const text = { verify: verifyBodyText };
  app.useBodyParser('json', { ...text, limit: def.config.BODY_LIMIT });
  app.useBodyParser('text', {
    ...text,
    limit: '50mb',
    type: ['text/csv', 'text/plain', 'application/x-ndjson'],
  });
  // After the body parsers: their callbacks run outside the request's async context.
  const traceContext = httpTraceContext();
  if (traceContext) app.use(traceContext);
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, def), { jsonDocumentUrl: 'docs/openapi.json' });
  await def.configure?.(app);
  return app;
}

export async function listen(app: INestApplication, config: BaseConfig): Promise<void> {
  await app.listen(config.PORT, config.HOST);
}

/** main.ts of a service: build, listen, and never outlive the launcher that started us. */
export async function runService(def: ServiceDefinition): Promise<NestExpressApplication> {
  collectDefaultMetrics();
  const app = await createService(def);
  await listen(app, def.config);
  const parent = def.config.HIGHLAND_PARENT_PID;
  if (parent) {
    const timer = setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        clearInterval(timer);
        void app.close().finally(() => process.exit(0));
      }
    }, 500);
    timer.unref();
  }
  return app;
}
