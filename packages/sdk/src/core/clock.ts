/**
 * The SDK's clock. Calls made before the tracker existed (the snippet's stub) keep the time they
 * were made at: `at` pins the clock while they are replayed.
 */
let pinned = 0;

export const now = (): number => pinned || Date.now();

export function at(ms: number, fn: () => void): void {
  pinned = ms;
  try {
    fn();
  } finally {
    pinned = 0;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** ISO-8601 in UTC, built from the date's fields: a page may replace Date.prototype.toISOString. */
export const iso = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
};
