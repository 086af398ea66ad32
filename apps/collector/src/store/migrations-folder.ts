import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The main schema of each store, and automation's tables, which migrate on their own. */
export type MigrationsDialect = "sqlite" | "postgres" | "sqlite-automation" | "postgres-automation";

/**
 * Where drizzle-kit's migrations for a dialect live: apps/collector/drizzle/<dialect>. This module
 * runs from src/store (tests) and bundled into dist/cli.js, at different depths, so walk up from
 * the module's own folder until the migrations appear.
 */
export function migrationsFolder(dialect: MigrationsDialect, from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let depth = 0; depth < 5; depth++) {
    const candidate = join(dir, "drizzle", dialect);
    if (existsSync(join(candidate, "meta", "_journal.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`${dialect} migrations not found above ${fileURLToPath(from)} (expected drizzle/${dialect}/meta/_journal.json)`);
}
