/**
 * The journey upkeep worker: the step between ingest and the reports. After ingest commits (wake),
 * on start and every poll interval (work other processes left: a CLI that changed a stage model,
 * another collector on the same PostgreSQL, deletions by retention or erasure), it runs a pass:
 * every site's changed persons get their digests rebuilt through the engine, in the store's short
 * transactions, and each rebuilt person is published to the subscribers in this process
 * (automation listens here). One pass runs at a time, passes start at least minGapMs apart (and
 * further while they are long: busyShare), and wakes during a pass ask for one more.
 */
import { digestBuilderOf } from "../queries/site-journeys.js";
import type { DigestChange, JourneyUpkeepStore } from "../store/store.js";
import { personChangedOf, type PersonChanged } from "./person-changed.js";

export type PersonChangedListener = (change: PersonChanged) => void;

export interface JourneyUpkeep {
  /** Asks for a pass soon (after a commit); returns at once. */
  wake(): void;
  /**
   * Resolves once a pass that started after this call has ended: everything committed before the
   * call is in the digests. That pass starts at once, without waiting out the gap between passes.
   * Rejects when that pass failed, or when upkeep stops first.
   */
  caughtUp(): Promise<void>;
  /** Hears every person rebuilt from now on, right after the transaction that rebuilt them; returns the unsubscribe. */
  subscribe(listener: PersonChangedListener): () => void;
  /** Stops polling and waking, and resolves when the running pass (if any) has ended. */
  stop(): Promise<void>;
}

export interface JourneyUpkeepOptions {
  /** How often a pass runs without a wake (default 1 s). */
  pollMs?: number;
  /**
   * The least time from one pass's start to the next's (default 250 ms): under steady ingest a
   * person changed by many commits is rebuilt once per pass, not once per commit: a visitor
   * sending 27 events a second (the 1-event ingest bench) is rebuilt from their whole history
   * about 7 events at a time instead of 3.
   */
  minGapMs?: number;
  /**
   * The most of the time upkeep may take while it has work (default 0.35): after a pass of d ms
   * the next starts no sooner than d / busyShare after it began, so heavy rebuilds (persons with
   * thousands of events changing all the time) lag behind, as asOf says, rather than starve
   * ingest and reports of the event loop they share; but never more than maxGapMs (default 5 s).
   * Upkeep of 50-event batches at 20,000 events a second takes about a fifth of the loop: at
   * 0.2 it could not get ahead, and the lag drifted past a second.
   */
  busyShare?: number;
  maxGapMs?: number;
  /** Where a failed pass or listener is reported (default console.error). */
  logError?: (message: string, error: unknown) => void;
  /**
   * Stage entries of each rebuilt person to record in the store, in the transaction that rebuilt
   * them (automation's stageEntered and stalled triggers: they survive a crash after the commit).
   */
  recordStageEntries?: (notice: PersonChanged) => readonly { stage: string; time: number }[];
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class UpkeepStoppedError extends Error {
  constructor() {
    super("journey upkeep stopped");
  }
}

export function startJourneyUpkeep(
  store: JourneyUpkeepStore,
  {
    pollMs = 1_000,
    minGapMs = 250,
    busyShare = 0.35,
    maxGapMs = 5_000,
    logError = (message, error) => console.error(`touchpoint: ${message}:`, error),
    recordStageEntries,
  }: JourneyUpkeepOptions = {},
): JourneyUpkeep {
  const listeners = new Set<PersonChangedListener>();
  let waiters: Waiter[] = [];
  let requested = false;
  let running: Promise<void> | null = null;
  let stopped = false;
  let nextStart = -Infinity;
  /** Ends the wait before the next pass early: someone waits on caughtUp(), or upkeep stops. */
  let endGap: (() => void) | null = null;

  function publish(siteId: string) {
    return (change: DigestChange) => {
      const notice = personChangedOf(siteId, change);
      for (const listener of listeners) {
        try {
          listener(notice);
        } catch (error) {
          logError("a listener of journey upkeep failed", error);
        }
      }
    };
  }

  async function pass(): Promise<void> {
    for (const site of await store.listSites()) {
      const record = recordStageEntries && ((change: DigestChange) => recordStageEntries(personChangedOf(site.id, change)));
      await store.upkeepJourneyDigests(site.id, digestBuilderOf(site), listeners.size === 0 ? undefined : publish(site.id), record);
    }
  }

  async function loop(): Promise<void> {
    while (requested && !stopped) {
      const gap = nextStart - performance.now();
      if (gap > 0 && waiters.length === 0)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, gap);
          endGap = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      endGap = null;
      if (stopped) break;
      const started = performance.now();
      requested = false;
      const waiting = waiters;
      waiters = [];
      try {
        await pass();
        for (const w of waiting) w.resolve();
      } catch (error) {
        logError("journey upkeep failed; the next pass retries", error);
        for (const w of waiting) w.reject(error);
      }
      nextStart = started + Math.max(minGapMs, Math.min(maxGapMs, (performance.now() - started) / busyShare));
    }
    running = null;
  }

  function wake(): void {
    if (stopped) return;
    requested = true;
    running ??= loop();
  }

  const poll = setInterval(wake, pollMs);
  poll.unref();
  wake();

  return {
    wake,
    caughtUp() {
      if (stopped) return Promise.reject(new UpkeepStoppedError());
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject });
        wake();
        endGap?.();
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      endGap?.();
      await running;
      const waiting = waiters;
      waiters = [];
      for (const w of waiting) w.reject(new UpkeepStoppedError());
    },
  };
}
