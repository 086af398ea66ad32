/**
 * After an erasure the WAL still holds the pages as they were before it (the erased rows in
 * clear), until the WAL is overwritten. A TRUNCATE checkpoint copies every frame into the
 * database file, where secure_delete has zeroed the rows, and cuts the WAL to zero bytes. It
 * needs a moment with no reader on an older snapshot (a report in another process, say) and no
 * other checkpoint, so it is tried a few times, each waiting at most WAIT_MS on the event loop
 * (the connection's busy timeout is lowered meanwhile), before the failure is logged: the old
 * frames then go at a later checkpoint that restarts the WAL.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type Database from "better-sqlite3";

const ATTEMPTS = 20;
const WAIT_MS = 50;

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** One TRUNCATE checkpoint, waiting at most WAIT_MS for locks: true when the WAL is now empty. */
function tryTruncate(client: Database.Database): boolean {
  const busyTimeout = client.pragma("busy_timeout", { simple: true }) as number;
  client.pragma(`busy_timeout = ${WAIT_MS}`);
  try {
    const [result] = client.pragma("wal_checkpoint(TRUNCATE)") as CheckpointResult[];
    return result?.busy === 0;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return false;
    throw error;
  } finally {
    client.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/** Resolves true once the WAL is empty, false when every attempt found a reader in the way. */
export async function truncateWal(client: Database.Database): Promise<boolean> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (tryTruncate(client)) return true;
    await sleep(WAIT_MS);
  }
  console.error(
    `touchpoint: after an erasure the WAL could not be emptied (readers held it through ${ATTEMPTS} tries); the erased rows leave it when a later checkpoint restarts it`,
  );
  return false;
}
