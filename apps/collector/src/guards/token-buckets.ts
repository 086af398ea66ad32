import type { RateLimit } from "../ops-config.js";

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
}

export interface TokenBucketOptions {
  /** Buckets kept at most: a flood of new keys evicts the oldest instead of growing memory. */
  maxKeys?: number;
  now?: () => number;
}

/**
 * One token bucket per key, all with the same rate and burst, in memory only (so per process:
 * several collectors behind a load balancer each allow the full rate). A bucket that has
 * refilled completely is the same as no bucket, so such buckets are dropped when the map is
 * full; only when none is full is the oldest key evicted, which gives that key a fresh burst.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(
    readonly limit: RateLimit,
    { maxKeys = 100_000, now = Date.now }: TokenBucketOptions = {},
  ) {
    this.maxKeys = maxKeys;
    this.now = now;
  }

  /** Takes `cost` tokens from the key's bucket: 0 when granted, else the whole seconds to wait (nothing taken). */
  take(key: string, cost = 1): number {
    const now = this.now();
    const { ratePerSecond, burst } = this.limit;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxKeys) this.makeRoom(now);
      bucket = { tokens: burst, at: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
      bucket.at = now;
    }
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / ratePerSecond));
  }

  get size(): number {
    return this.buckets.size;
  }

  private makeRoom(now: number): void {
    // A sweep visits every bucket: at most once a second, so a flood of new keys cannot make each request pay for it.
    if (now - this.lastSweep >= 1000) {
      this.lastSweep = now;
      const { ratePerSecond, burst } = this.limit;
      for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * ratePerSecond >= burst) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
