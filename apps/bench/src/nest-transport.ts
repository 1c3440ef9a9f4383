import { seedAuthenticator } from '@highland/messaging';
import 'reflect-metadata';
import { Controller, type DynamicModule, Inject, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  type ClientProxy,
  ClientProxyFactory,
  EventPattern,
  type MicroserviceOptions,
  Payload,
  Transport,
} from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { Countdown } from './stats.js';

/**
 * The peer a NestJS user would otherwise pick: NestJS's own NATS transport (core NATS, no
 * JetStream, so no persistence, no acks, no redelivery). A Nest microservice with an
 * `@EventPattern` handler that counts, and a `ClientProxy` that `emit`s.
 */
const COUNTER = Symbol('bench counter');
export const NEST_PATTERN = 'highland-bench.nest.enterprise-certified';

@Controller()
class CountingController {
  constructor(@Inject(COUNTER) private readonly counter: Countdown) {}

  @EventPattern(NEST_PATTERN)
  onEvent(@Payload() _event: unknown): void {
    this.counter.hit();
  }
}

@Module({})
class CountingModule {
  static with(counter: Countdown): DynamicModule {
    return {
      module: CountingModule,
      controllers: [CountingController],
      providers: [{ provide: COUNTER, useValue: counter }],
    };
  }
}

export interface NestTransport {
  emit(event: unknown): Promise<void>;
  close(): Promise<void>;
}

export async function startNestTransport(
  natsUrl: string,
  counter: Countdown,
  credentialsFile?: string,
): Promise<NestTransport> {
  // The same NKey user as the backbone's own clients (the nats client takes the same authenticator).
  const authenticator = seedAuthenticator(credentialsFile);
  const nats = { servers: natsUrl.split(','), ...(authenticator ? { authenticator } : {}) };
  const app: INestMicroservice = await NestFactory.createMicroservice<MicroserviceOptions>(
    CountingModule.with(counter),
    { transport: Transport.NATS, options: nats, logger: ['error', 'warn'] },
  );
  await app.listen();
  const client: ClientProxy = ClientProxyFactory.create({
    transport: Transport.NATS,
    options: nats,
  });
  await client.connect();
  const emit = (event: unknown) =>
    lastValueFrom(client.emit(NEST_PATTERN, event), { defaultValue: undefined }) as Promise<void>;
  // The subscription is in place once one event makes the round trip.
  const ready = counter.until(1, 10_000);
  await emit({ probe: true });
  if (!(await ready)) throw new Error('the NestJS NATS microservice did not receive a probe event in 10 s');
  counter.reset();
  return {
    emit,
    close: async () => {
      await client.close();
      await app.close();
    },
  };
}
