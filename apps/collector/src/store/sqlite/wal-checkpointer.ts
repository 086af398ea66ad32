/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the commit
 * that crosses the threshold: under ingest, about once a second one commit took 160-185 ms
 * instead of 16 (measured), which set the p99 of every request waiting on it, and the copying
 * held the event loop. Here the store's connection never checkpoints (wal_autocheckpoint = 0) and
 * a worker thread with its own connection runs a PASSIVE checkpoint every INTERVAL_MS: it copies
 * committed pages into the database file beside the writer, never blocking it, on the other core.
 * Durability is the WAL's either way: a commit is in the WAL before its 2xx.
 *
 * A PASSIVE checkpoint never restarts the WAL: SQLite starts writing at the WAL's beginning again
 * only when a commit finds every frame copied and no reader on the WAL, which under steady ingest
 * beside a report (a digest rebuild writes for seconds) never happens, so the WAL grew past a
 * gigabyte. When the WAL file passes WAL_LIMIT_BYTES the thread runs a TRUNCATE checkpoint: it
 * holds writers off while it copies the last frames and waits for readers to move on (at most
 * RESTART_WAIT_MS: a busy answer leaves it to the next turn), then cuts the WAL to zero bytes.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { throttledLog } from "../../ops/throttled-log.js";

const INTERVAL_MS = 100;
/** Past this the WAL is truncated; the same size journal_size_limit cuts it back to. */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;
/** How long a TRUNCATE checkpoint waits for the writer and readers: what a commit can wait for it. */
const RESTART_WAIT_MS = 100;
/** A failing checkpoint (a full disk) fails every turn: say so at once, then once a minute. */
const FAILURE_LOG_INTERVAL_MS = 60_000;

// The worker's whole program. Plain JavaScript, evaluated by the worker: it needs only the
// SQLite driver, whose resolved path it is given, so it runs the same from the TypeScript source
// under test and from the bundled CLI.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const { statSync } = require("node:fs");
const db = new Database(workerData.path);
// PASSIVE never waits; this bounds TRUNCATE's wait for the writer and for readers.
db.pragma("busy_timeout = " + workerData.restartWaitMs);
const passive = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const truncate = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
const wal = workerData.path + "-wal";
const timer = setInterval(() => {
  try {
    passive.get();
    const size = statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
    if (size > workerData.walLimitBytes) truncate.get();
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Stops the thread after its current checkpoint; resolves when it has closed its connection. */
  stop(): Promise<void>;
}

export function startWalCheckpointer(path: string, { walLimitBytes = WAL_LIMIT_BYTES }: { walLimitBytes?: number } = {}): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, intervalMs: INTERVAL_MS, walLimitBytes, restartWaitMs: RESTART_WAIT_MS },
  });
  // A checkpoint that fails (disk full, say) leaves the pages in the WAL, where they are safe;
  // the next one tries again.
  const logFailure = throttledLog((line) => console.error(line), FAILURE_LOG_INTERVAL_MS);
  worker.on("message", (message: { error?: string }) => {
    if (message.error !== undefined) logFailure(`touchpoint: a WAL checkpoint failed: ${message.error}`);
  });
  worker.on("error", (error) => console.error("touchpoint: the WAL checkpoint thread failed:", error));
  // It must never be what keeps a process alive.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      // Held by the wait for it from here on: an unreferenced thread would let the process end mid-close.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
