import { migrationsFolder } from "../migrations-folder.js";

/** Where drizzle-kit's SQLite migrations live: apps/collector/drizzle/sqlite. */
export function sqliteMigrationsFolder(from?: string): string {
  return migrationsFolder("sqlite", from);
}
