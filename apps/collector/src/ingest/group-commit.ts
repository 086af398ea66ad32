import type { GroupCommitConfig } from "../config.js";
import type { EventRow, InsertOutcome, EventSink } from "../store/store.js";

export interface GroupCommitWriter {
  /**
   * Queues rows for the next group transaction. Resolves once that transaction has committed,
   * with one outcome per row (newly stored, duplicate or suppressed by an erasure); rejects when
   * it failed, in which case none of the group's rows were stored.
   */
  write(rows: readonly EventRow[]): Promise<InsertOutcome[]>;
  /** Refuses new rows, commits what waits and resolves when the last commit is done. */
  close(): Promise<void>;
}

export class WriterClosedError extends Error {
  constructor() {
    super("the collector is shutting down");
  }
}

interface Waiter {
  rows: readonly EventRow[];
  resolve(outcomes: InsertOutcome[]): void;
  reject(error: unknown): void;
}

/** Runs after each group's commit, before its writers hear of it; when it rejects, so do they (their retries repeat it). */
export type AfterCommit = (rows: readonly EventRow[], outcomes: readonly InsertOutcome[]) => Promise<void>;

/**
 * Group commit: a transaction costs about the same for 1 row as for 1,000 (the fsync dominates),
 * so rows from concurrent requests wait a few milliseconds for company and share one. One group
 * commits at a time; whatever arrives meanwhile forms the next group.
 */
export function createGroupCommitWriter(
  store: EventSink,
  { windowMs, maxRows }: GroupCommitConfig,
  afterCommit?: AfterCommit,
): GroupCommitWriter {
  let waiting: Waiter[] = [];
  let waitingRows = 0;
  let timer: NodeJS.Timeout | null = null;
  let committing: Promise<void> | null = null;
  let closed = false;

  function commitNow(): void {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (committing || waiting.length === 0) return;
    const group = waiting;
    waiting = [];
    waitingRows = 0;
    const rows = group.length === 1 ? group[0]!.rows : group.flatMap((w) => w.rows);
    const committed = store.insertEvents(rows);
    committing = (
      afterCommit
        ? committed.then(async (inserted) => {
            await afterCommit(rows, inserted);
            return inserted;
          })
        : committed
    )
      .then(
        (inserted) => {
          let offset = 0;
          for (const w of group) {
            w.resolve(inserted.slice(offset, offset + w.rows.length));
            offset += w.rows.length;
          }
        },
        (error: unknown) => {
          for (const w of group) w.reject(error);
        },
      )
      .finally(() => {
        committing = null;
        // These rows waited through a whole commit already: no further window.
        if (waiting.length > 0) commitNow();
      });
  }

  return {
    write(rows) {
      if (closed) return Promise.reject(new WriterClosedError());
      if (rows.length === 0) return Promise.resolve([]);
      return new Promise<InsertOutcome[]>((resolve, reject) => {
        waiting.push({ rows, resolve, reject });
        waitingRows += rows.length;
        if (waitingRows >= maxRows) commitNow();
        else if (!timer && !committing) timer = setTimeout(commitNow, windowMs);
      });
    },

    async close() {
      closed = true;
      while (committing || waiting.length > 0) {
        if (!committing) commitNow();
        await committing;
      }
    },
  };
}
