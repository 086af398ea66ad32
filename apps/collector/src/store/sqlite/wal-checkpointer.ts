/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the commit
 * that crosses the threshold: under ingest, about once a second one commit took 160-185 ms
 * instead of 16 (measured), which set the p99 of every request waiting on it, and the copying
 * held the event loop. Here the store's connection never checkpoints (wal_autocheckpoint = 0) and
 * a worker thread with its own connection runs a PASSIVE checkpoint every INTERVAL_MS: it copies
 * committed pages into the database file beside the writer, never blocking it, on the other core.
 * Durability is the WAL's either way: a commit is in the WAL before its 2xx.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const INTERVAL_MS = 100;

// The worker's whole program. Plain JavaScript, evaluated by the worker: it needs only the
// SQLite driver, whose resolved path it is given, so it runs the same from the TypeScript source
// under test and from the bundled CLI.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try {
    checkpoint.get();
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

export function startWalCheckpointer(path: string): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs: INTERVAL_MS } });
  // A checkpoint that fails (disk full, say) leaves the pages in the WAL, where they are safe;
  // the next one tries again.
  worker.on("message", (message: { error?: string }) => {
    if (message.error !== undefined) console.error(`touchpoint: a WAL checkpoint failed: ${message.error}`);
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
