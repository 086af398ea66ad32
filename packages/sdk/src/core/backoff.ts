import { BACKOFF_BASE_MS, BACKOFF_CAP_MS } from "./settings.js";

/**
 * The wait before retry number `attempt`: the server's Retry-After (seconds; the collector sends
 * it with 429 and 503) when the failure carried one, else exponential backoff with full jitter,
 * a random wait in [0, min(cap, base * 2^attempt)). `retryAfter` is whatever the failure was: a
 * header value, or a network error, which has no number in it.
 */
export const retryDelay = (attempt: number, retryAfter?: unknown): number =>
  Number(retryAfter) > 0 ? Number(retryAfter) * 1000 : Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
