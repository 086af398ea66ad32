/**
 * A SQLite database is files on a path, and files can be removed under a running collector
 * (`rm data/touchpoint.db*`, a cleanup script, a volume swapped). SQLite keeps writing to the
 * removed files through its open descriptors, so every commit would still succeed, be
 * acknowledged, and vanish at the next start, which would then create an empty database with
 * new keys. Two guards:
 * - while running, after each commit, the database, -wal and -shm files on the path must still
 *   be the ones opened (same device and inode): three stat calls, a few microseconds;
 * - at start, a marker beside the database (`.<name>.created`, hidden so that neither
 *   `rm touchpoint.db*` nor `rm *` takes it) records that a database was created there: a
 *   missing database with a marker is an error, not a new database.
 */
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The database is missing where one was created before: restore it, or delete the marker to start afresh. */
export class MissingDatabaseError extends Error {}

export function creationMarkerOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.created`);
}

/** Throws MissingDatabaseError when `path` is missing but its marker says a database was created there. */
export function refuseMissingDatabase(path: string): void {
  const marker = creationMarkerOf(path);
  if (existsSync(path) || !existsSync(marker)) return;
  const created = readFileSync(marker, "utf8").match(/on (\S+)/)?.[1] ?? "an earlier start";
  throw new MissingDatabaseError(
    `the database ${path} is missing, but ${marker} records that one was created there (${created}): it was deleted or moved. ` +
      `Restore it together with its -wal file, or, to start afresh with an empty database and new keys, delete ${marker}.`,
  );
}

/** Writes the marker once the database exists (also for databases made before markers were). */
export function markDatabaseCreated(path: string): void {
  const marker = creationMarkerOf(path);
  if (existsSync(marker)) return;
  const text =
    `Touchpoint created the database ${basename(path)} in this folder on ${new Date().toISOString()}.\n` +
    `While this file exists, a missing ${basename(path)} stops the collector instead of being created anew.\n` +
    `Delete this file to start afresh with an empty database.\n`;
  writeFileSync(marker, text, { mode: 0o600 });
}

interface FileIdentity {
  file: string;
  dev: number;
  ino: number;
}

const SUFFIXES = ["", "-wal", "-shm"];

export interface DatabaseFileGuard {
  /** null while every file is the one opened; else what happened to which. */
  changed(): string | null;
  /** changed(), and then whether the database and its folder can be written. */
  unwritable(): string | null;
}

/** Records the identity of the open database's files (call once the WAL exists). */
export function guardDatabaseFiles(path: string): DatabaseFileGuard {
  const opened: FileIdentity[] = [];
  for (const suffix of SUFFIXES) {
    const stats = statSync(path + suffix, { throwIfNoEntry: false });
    if (stats !== undefined) opened.push({ file: path + suffix, dev: stats.dev, ino: stats.ino });
  }
  let lost: string | null = null;
  const changed = () => {
    if (lost !== null) return lost;
    for (const { file, dev, ino } of opened) {
      const now = statSync(file, { throwIfNoEntry: false });
      if (now === undefined) lost = `the database file ${file} was removed while the collector was running`;
      else if (now.dev !== dev || now.ino !== ino) lost = `the database file ${file} was replaced while the collector was running`;
      if (lost !== null) return lost;
    }
    return null;
  };
  return {
    changed,
    unwritable() {
      const reason = changed();
      if (reason !== null) return reason;
      for (const file of [path, dirname(path)]) {
        try {
          accessSync(file, constants.W_OK);
        } catch {
          return `${file} is not writable`;
        }
      }
      return null;
    },
  };
}
