/**
 * After an erasure the WAL still holds the pages as they were before it (the erased rows in
 * clear), until the WAL is overwritten. A TRUNCATE checkpoint copies every frame into the
 * database file, where secure_delete has zeroed the rows, and cuts the WAL to zero bytes. It
 * needs a moment with no reader on an older snapshot (a report in another process, say), so it is
 * tried a few times before the failure is logged: the old frames then go at a later checkpoint
 * that restarts the WAL.
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

/** Resolves true once the WAL is empty, false when every attempt found a reader in the way. */
export async function truncateWal(client: Database.Database): Promise<boolean> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const [result] = client.pragma("wal_checkpoint(TRUNCATE)") as CheckpointResult[];
    if (result?.busy === 0) return true;
    await sleep(WAIT_MS);
  }
  console.error(`touchpoint: after an erasure the WAL could not be emptied (readers held it through ${ATTEMPTS} tries); the erased rows leave it when a later checkpoint restarts it`);
  return false;
}
