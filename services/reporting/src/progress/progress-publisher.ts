import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsHandle, Topology } from '@highland/messaging';
import { NATS, TOPOLOGY } from '@highland/service-kit';
import { type ProgressChange, ReportingView } from '../view/reporting-view.js';
import { ProgressLeader } from './leader.js';

/** The progress message on `reporting.progress.<plan>.<indicator>` and in the KV bucket. */
export function progressMessage(c: Pick<ProgressChange, 'position' | 'attainment'>) {
  const a = c.attainment;
  return {
    position: c.position,
    planId: a.planId,
    indicatorId: a.indicatorId,
    value: a.value,
    target: a.target,
    status: a.status,
    expectedByNow: a.expectedByNow,
    shareElapsed: a.shareElapsed,
    ...(a.numerator !== undefined ? { numerator: a.numerator, denominator: a.denominator } : {}),
    ...(a.rank !== undefined ? { rank: a.rank, groupSize: a.groupSize } : {}),
  };
}

export const progressSubject = (topology: Topology, planId: string, indicatorId: string) =>
  topology.serviceSubject('reporting', 'progress', planId, indicatorId);

export const progressBucket = (topology: Topology) => topology.bucket('highland_progress');

/**
 * Publishes every change of an indicator on its NATS subject and keeps the latest in a KV bucket
 * (key `<plan>.<indicator>`), so a subscriber gets the current snapshot first (KV watch) and then
 * every change. Only the replica holding the lease publishes.
 */
@Injectable()
export class ProgressPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private kv?: KV;
  private unsubscribe?: () => void;

  constructor(
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(ReportingView) private readonly view: ReportingView,
    @Inject(ProgressLeader) private readonly leadership: ProgressLeader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.kv = await new Kvm(this.nats.nc).create(progressBucket(this.topology), { history: 1 });
    // The current state, once, so the bucket is complete even after a restart or a leader change.
    if (this.leadership.leader) {
      await this.publish(
        this.view.snapshot().map((attainment) => ({ position: this.view.position, attainment })),
      );
    }
    this.unsubscribe = this.view.onChange((changes) => {
      if (this.leadership.leader) void this.publish(changes).catch(() => undefined);
    });
  }

  private async publish(changes: Array<Pick<ProgressChange, 'position' | 'attainment'>>): Promise<void> {
    for (const c of changes) {
      const msg = JSON.stringify(progressMessage(c));
      this.nats.nc.publish(
        progressSubject(this.topology, c.attainment.planId, c.attainment.indicatorId),
        msg,
      );
      await this.kv!.put(`${c.attainment.planId}.${c.attainment.indicatorId}`, msg);
    }
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }
}
