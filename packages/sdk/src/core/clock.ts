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

export const iso = (ms: number): string => new Date(ms).toISOString();
