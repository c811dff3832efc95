// Per-key rate limit: a token bucket per caller, in memory (per instance). A request takes one
// token; tokens refill at `perSecond` up to `burst`. An empty bucket answers 429 with the seconds
// until the next token in Retry-After (RFC 9110 section 10.2.3).
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** 0 when the request may go ahead, else the seconds to wait. */
  take(caller: string): number {
    if (this.limit.perSecond <= 0) return 0;
    const t = this.now();
    let b = this.buckets.get(caller);
    if (!b) this.buckets.set(caller, (b = { tokens: this.limit.burst, at: t }));
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limit.perSecond));
  }
}
