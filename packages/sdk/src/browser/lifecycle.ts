import type { Queue } from "../core/queue.js";

/**
 * Writes the queue to storage and beacons it when the page is hidden or left, and retries when
 * the network comes back. Never an `unload` or `beforeunload` listener: either keeps the page out
 * of the back-forward cache.
 */
export function watchLifecycle(queue: Queue): void {
  const leave = () => queue.leave(navigator.onLine);
  addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) leave();
  });
  addEventListener("online", () => void queue.drain());
}
