import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of an installed package, found the way Node looks for it: `node_modules/<name>` in
 * this module's folder and each one above. Unlike require.resolve it needs no `exports` entry
 * for package.json, and it works from src (vitest) and from the bundled dist/cli.js alike.
 */
export function packageDir(name: string, from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package ${name} not found in any node_modules above ${fileURLToPath(from)}`);
    dir = parent;
  }
}
