/** `touchpoint backup` and `touchpoint restore` for SQLite: online, consistent, never a half file in place. */
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export interface BackupResult {
  out: string;
  bytes: number;
  /** Rows of the events table in the copy. */
  events: number;
}

/** SQLite's quick_check on a closed database file: "ok", or what is wrong. */
function quickCheck(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma("quick_check", { simple: true }) as string;
    if (result !== "ok") return result;
    const hasSites = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sites'").get() !== undefined;
    return hasSites ? "ok" : "no sites table: not a Touchpoint database";
  } finally {
    db.close();
  }
}

/**
 * Copies a SQLite database while collectors keep writing to it, through SQLite's online backup
 * API. After a first small step every later step copies all remaining pages at once: one step
 * is one read transaction, so the copy is one consistent snapshot (a commit by another
 * connection between steps restarts the copy, which then finishes in one step), and WAL lets
 * writers go on meanwhile. The copy is written beside FILE, checked, switched out of WAL mode so
 * it is one self-contained file, and only then renamed to FILE (mode 0600: it holds every event).
 */
export async function backupSqlite(db: string, out: string): Promise<BackupResult> {
  if (!existsSync(db)) throw new Error(`no database at ${db}`);
  const partial = `${out}.partial`;
  closeSync(openSync(partial, "w", 0o600));
  const source = new Database(db, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    await source.backup(partial, { progress: () => 2 ** 30 });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  const copy = new Database(partial);
  let events: number;
  try {
    copy.pragma("journal_mode = DELETE");
    events = copy.prepare("SELECT count(*) FROM events").pluck().get() as number;
  } finally {
    copy.close();
  }
  const check = quickCheck(partial);
  if (check !== "ok") {
    rmSync(partial, { force: true });
    throw new Error(`the copy failed SQLite's quick_check: ${check}`);
  }
  chmodSync(partial, 0o600);
  renameSync(partial, out);
  return { out, bytes: statSync(out).size, events };
}

/**
 * Puts a backup in place of a database, which no collector may have open: the backup is
 * checked first, copied beside the database and renamed over it, and the old database's WAL
 * and shared-memory files are removed (they belong to the old file). Opening the store
 * afterwards migrates a backup made by an earlier release.
 */
export function restoreSqlite(from: string, db: string): void {
  const check = quickCheck(from);
  if (check !== "ok") throw new Error(`${from} failed SQLite's quick_check: ${check}`);
  const partial = `${db}.restoring`;
  mkdirSync(dirname(db), { recursive: true, mode: 0o700 });
  copyFileSync(from, partial);
  chmodSync(partial, 0o600);
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  renameSync(partial, db);
}
