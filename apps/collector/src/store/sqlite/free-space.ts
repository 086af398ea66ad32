/** Giving the space of deleted rows back to the file system (SQLite keeps it as free pages otherwise). */
import { setImmediate } from "node:timers/promises";
import type Database from "better-sqlite3";

/** Free pages returned per transaction: 8 MiB of 4 KiB pages, milliseconds of work. */
const PAGES_PER_STEP = 2_048;

/** PRAGMA auto_vacuum's value for INCREMENTAL. */
export const AUTO_VACUUM_INCREMENTAL = 2;

/**
 * With auto_vacuum=INCREMENTAL (every database created since this was added; `touchpoint
 * vacuum` converts older ones), returns the free pages to the file system a step at a time,
 * yielding to waiting commits between steps. In WAL mode the file itself shrinks at the next
 * checkpoint. Resolves with the pages freed; 0 on a database without incremental auto_vacuum.
 */
export async function releaseFreePages(client: Database.Database): Promise<number> {
  if (client.pragma("auto_vacuum", { simple: true }) !== AUTO_VACUUM_INCREMENTAL) return 0;
  let released = 0;
  for (;;) {
    const free = client.pragma("freelist_count", { simple: true }) as number;
    if (free === 0) return released;
    const step = Math.min(free, PAGES_PER_STEP);
    client.pragma(`incremental_vacuum(${step})`);
    released += step;
    await setImmediate();
  }
}

export interface VacuumResult {
  db: string;
  /** Database and WAL file, before and after. */
  bytesBefore: number;
  bytesAfter: number;
  /** Whether this run rebuilt the file to switch it to incremental auto_vacuum. */
  converted: boolean;
}

/**
 * `touchpoint vacuum`: a database without incremental auto_vacuum (made before it was the
 * default) is switched to it, which takes one VACUUM (it rewrites the whole file, needs as much
 * free disk again, and holds writers off until done); afterwards, and on databases that have it,
 * the free pages are released. A WAL checkpoint then cuts the file down at once.
 */
export async function vacuumSqlite(client: Database.Database, db: string, size: () => number): Promise<VacuumResult> {
  const bytesBefore = size();
  const converted = client.pragma("auto_vacuum", { simple: true }) !== AUTO_VACUUM_INCREMENTAL;
  if (converted) {
    client.pragma("auto_vacuum = INCREMENTAL");
    client.exec("VACUUM");
  }
  await releaseFreePages(client);
  client.pragma("wal_checkpoint(TRUNCATE)");
  return { db, bytesBefore, bytesAfter: size(), converted };
}
