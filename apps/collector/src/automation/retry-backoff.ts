/**
 * When a failed delivery is tried again: exponential backoff from 1 s, doubling per attempt up to
 * an hour, with "equal jitter" (half fixed, half random) so receivers that failed together are
 * not retried together.
 */
const FIRST_MS = 1_000;
const MAX_MS = 3_600_000;

export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_MS, FIRST_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
