import type { MiddlewareHandler } from "hono";
import { peerAddress, rateLimitKey } from "./client-address.js";
import { refusedForNow } from "./refusal.js";
import type { TokenBuckets } from "./token-buckets.js";

/**
 * Requests per client address (token bucket, one token a request), refused with 429 and
 * Retry-After. It counts refused requests too (unknown keys, bad bodies): that is what makes
 * guessing keys slow. The address lives only in the in-memory bucket map.
 */
export function clientRateLimit(buckets: TokenBuckets): MiddlewareHandler {
  return async (c, next) => {
    const address = peerAddress(c);
    if (address !== null) {
      const wait = buckets.take(rateLimitKey(address));
      if (wait > 0) {
        throw refusedForNow(
          c,
          429,
          "rate_limited",
          `too many requests from this address: at most ${buckets.limit.ratePerSecond} a second; retry in ${wait} s`,
          wait,
        );
      }
    }
    await next();
  };
}
