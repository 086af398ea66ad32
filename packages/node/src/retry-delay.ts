/** Statuses worth sending again: a timeout, a rate limit, a server or proxy failure. */
export function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 0): the collector's
 * Retry-After when it sent one (seconds or an HTTP date), else exponential backoff from
 * `baseMs` with full jitter, capped at `maxMs`. `random` is Math.random by default.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null,
  baseMs: number,
  maxMs: number,
  now = Date.now(),
  random = Math.random,
): number {
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, maxMs);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.min(Math.max(date - now, 0), maxMs);
  }
  return Math.round(random() * Math.min(baseMs * 2 ** attempt, maxMs));
}
