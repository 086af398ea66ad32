import type { MiddlewareHandler } from "hono";
import { peerAddress, rateLimitKey } from "./client-address.js";
import { refusedForNow } from "./refusal.js";

/**
 * At most `max` requests in the app at once from one client address (an IPv6 /64 counts as
 * one), more answered 429 with Retry-After before their body is read. Without it, one address
 * opening hundreds of slow uploads fills the global cap and every other client gets 503. The
 * counts live in memory only, and an address leaves the map when its last request ends.
 */
export function clientConcurrencyCap(max: number): MiddlewareHandler {
  const inFlight = new Map<string, number>();
  return async (c, next) => {
    const address = peerAddress(c);
    if (address === null) return next();
    const key = rateLimitKey(address);
    const held = inFlight.get(key) ?? 0;
    if (held >= max) {
      throw refusedForNow(
        c,
        429,
        "too_many_at_once",
        `this address has ${max} requests in progress, its limit; send again once one is answered`,
        1,
      );
    }
    inFlight.set(key, held + 1);
    try {
      await next();
    } finally {
      const left = inFlight.get(key)! - 1;
      if (left === 0) inFlight.delete(key);
      else inFlight.set(key, left);
    }
  };
}
