import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ProblemError } from './errors.js';

export class TooManyRequestsProblem extends ProblemError {
  override name = 'TooManyRequestsProblem';
  readonly status = 429;
  readonly title = 'Too many requests';
}

/**
 * Requests per caller (an API key, or the address of an anonymous caller) and replica, in a
 * sliding budget: a flood from one key is slowed (429 with Retry-After) while every other key is
 * served as before. Kept in memory: a replica protects its own event loop, which is what a
 * flood exhausts; a shared counter would add a NATS round trip to every request.
 */
export class RequestLimiter {
  private readonly limiter?: RateLimiterMemory;

  constructor(opts: { requests: number; windowSeconds: number }) {
    if (opts.requests > 0)
      this.limiter = new RateLimiterMemory({ points: opts.requests, duration: opts.windowSeconds });
  }

  /** Counts one request of this caller; throws TooManyRequestsProblem past its budget. */
  async take(caller: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(caller);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new TooManyRequestsProblem(
        `too many requests from this caller: try again in ${seconds} s`,
        [],
        { retryAfterSeconds: seconds },
        { 'Retry-After': String(seconds) },
      );
    }
  }
}
