import { Topology, type NatsHandle } from '@highland/messaging';
import { describe, expect, it } from 'vitest';
import { ReportingView } from '../../src/view/reporting-view.js';

describe('the reporting view’s readiness', () => {
  it('fails before the view has replayed its streams', () => {
    const view = new ReportingView({} as NatsHandle, new Topology());
    expect(() => view.assertHealthy()).toThrow(/not started/);
  });

  it('refuses to follow services without its own stream, where its commands’ aggregates are', () => {
    expect(() => new ReportingView({} as NatsHandle, new Topology(), undefined, [])).toThrow(/own stream/);
  });
});
