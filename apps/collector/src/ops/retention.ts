import { DAY_MS } from "@touchpoint/journeys";
import type { EventRetention } from "../store/store.js";

const HOUR_MS = 60 * 60 * 1000;

export interface RetentionSchedule {
  /** Stops the schedule and resolves once a pass in progress has finished. */
  stop(): Promise<void>;
}

export interface RetentionOptions {
  /** Events older than this many days go. */
  days: number;
  /** Between passes; hourly by default. */
  intervalMs?: number;
  log?: (line: string) => void;
  now?: () => number;
}

/**
 * Deletes events older than `days` at once and then every interval, through the store's chunked
 * deleteEventsBefore. Passes never overlap; a failed pass is logged and the next one tries again.
 */
export function scheduleRetention(
  store: EventRetention,
  { days, intervalMs = HOUR_MS, log = console.log, now = Date.now }: RetentionOptions,
): RetentionSchedule {
  let running: Promise<void> | null = null;
  let stopped = false;

  function pass(): void {
    if (running || stopped) return;
    const before = now() - days * DAY_MS;
    running = store
      .deleteEventsBefore(before)
      .then(
        (deleted) => log(`touchpoint: retention: deleted ${deleted} events from before ${new Date(before).toISOString()} (${days} days)`),
        (error: unknown) =>
          log(
            `touchpoint: retention: the pass failed, trying again in ${Math.round(intervalMs / 60_000)} minutes: ${(error as Error).message}`,
          ),
      )
      .finally(() => {
        running = null;
      });
  }

  pass();
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
