import type { MiddlewareHandler } from "hono";
import { refusedForNow } from "./refusal.js";

/**
 * At most `max` requests in the app at once; more are answered 503 with Retry-After at once,
 * before their body is read. A request holds its place until its answer is made, including the
 * time its body takes to arrive, so slow uploads cannot crowd out more than `max` places.
 */
export function concurrencyCap(max: number): MiddlewareHandler {
  let inFlight = 0;
  return async (c, next) => {
    if (inFlight >= max) {
      throw refusedForNow(c, 503, "overloaded", `the collector is answering ${max} requests at once, its limit; send again shortly`, 1);
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
}
