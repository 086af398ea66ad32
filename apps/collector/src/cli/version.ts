import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The collector package's version, from its package.json: the first one named
 * @touchpoint/collector above this module (src/cli in the repository, dist once bundled, also
 * inside node_modules of an installed package).
 */
export function collectorVersion(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "@touchpoint/collector" && manifest.version) return manifest.version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json of @touchpoint/collector above ${fileURLToPath(from)}`);
    dir = parent;
  }
}
