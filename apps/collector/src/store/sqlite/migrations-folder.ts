import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where drizzle-kit's SQLite migrations live: apps/collector/drizzle/sqlite. This module runs
 * from src/store/sqlite (tests) and bundled into dist/cli.js, at different depths, so walk up
 * from the module's own folder until the migrations appear.
 */
export function sqliteMigrationsFolder(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let depth = 0; depth < 5; depth++) {
    const candidate = join(dir, "drizzle", "sqlite");
    if (existsSync(join(candidate, "meta", "_journal.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`SQLite migrations not found above ${fileURLToPath(from)} (expected drizzle/sqlite/meta/_journal.json)`);
}
