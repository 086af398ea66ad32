/**
 * The import rules of ARCHITECTURE.md, read from the sources themselves: every import and export
 * specifier of a room's TypeScript files (tests excluded), followed through relative imports and
 * the workspace packages' export maps, so a rule breaks the moment any file breaks it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export interface ImportOf {
  /** The file that imports, relative to the repository root. */
  file: string;
  specifier: string;
  /** `import type` / `export type`: erased by the compiler, never loaded. */
  typeOnly: boolean;
}

// import x from "y"; import type { X } from "y"; export { x } from "y"; import "y"; import("y")
const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

export function importsOf(root: string, file: string): ImportOf[] {
  const text = readFileSync(join(root, file), "utf8");
  const found: ImportOf[] = [];
  for (const m of text.matchAll(STATIC_IMPORT)) found.push({ file, specifier: m[2] as string, typeOnly: m[1] !== undefined });
  for (const m of text.matchAll(DYNAMIC_IMPORT)) found.push({ file, specifier: m[1] as string, typeOnly: false });
  return found;
}

/** The .ts files under `dir` (relative to root), tests and test helpers left out. */
export function sourceFiles(root: string, dir: string): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(join(root, path))) {
      const child = join(path, entry);
      if (statSync(join(root, child)).isDirectory()) {
        if (entry !== "node_modules" && entry !== "dist" && entry !== "testing") walk(child);
      } else if (entry.endsWith(".ts") && !entry.endsWith(".test.ts") && !entry.endsWith(".d.ts")) files.push(child);
    }
  };
  walk(dir);
  return files.sort();
}

/** Where a workspace package's export resolves (packages/<name>/package.json `exports`), or null for any other package. */
function workspaceExport(root: string, specifier: string): string | null {
  const match = /^@touchpoint\/([^/]+)(\/.*)?$/.exec(specifier);
  if (match === null) return null;
  for (const base of ["packages", "apps"]) {
    const manifest = join(root, base, match[1] as string, "package.json");
    if (!existsSync(manifest)) continue;
    const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports?: Record<string, string> }).exports ?? {};
    const target = exports[`.${match[2] ?? ""}`];
    return target === undefined ? null : relative(root, resolve(dirname(manifest), target));
  }
  return null;
}

/** The file a relative or workspace specifier loads (`.js` written for `.ts`), or null for an outside package. */
export function resolveImport(root: string, { file, specifier }: ImportOf): string | null {
  if (specifier.startsWith(".")) {
    const target = relative(root, resolve(root, dirname(file), specifier));
    for (const candidate of [target.replace(/\.js$/, ".ts"), `${target}.ts`, join(target, "index.ts")])
      if (existsSync(join(root, candidate))) return candidate;
    return null;
  }
  return workspaceExport(root, specifier);
}

/** Every import loaded at run time from `entries`, following relative and workspace imports (type-only ones are erased, so not followed). */
export function runtimeClosure(root: string, entries: readonly string[]): ImportOf[] {
  const seen = new Set<string>();
  const imports: ImportOf[] = [];
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const found of importsOf(root, file)) {
      if (found.typeOnly) continue;
      imports.push(found);
      const target = resolveImport(root, found);
      if (target !== null) queue.push(target);
    }
  }
  return imports;
}

export interface ImportRule {
  /** What the rule says, as ARCHITECTURE.md words it. */
  rule: string;
  /** Each import that breaks it, as `file -> specifier`. */
  broken(root: string): string[];
}

const show = (found: ImportOf) => `${found.file} -> ${found.specifier}`;
const isHono = (specifier: string) => specifier === "hono" || specifier.startsWith("hono/") || specifier.startsWith("@hono/");
const STORE_PACKAGES = ["better-sqlite3", "pg", "drizzle-orm"];

/** The rules, over the rooms found under `root` (the repository, or a copy of its layout in a test). */
export const IMPORT_RULES: ImportRule[] = [
  {
    rule: "the engine (packages/journeys) never imports the store, the collector or a database driver",
    broken: (root) =>
      sourceFiles(root, "packages/journeys/src")
        .flatMap((file) => importsOf(root, file))
        .filter((found) => {
          const target = resolveImport(root, found);
          return (
            target?.startsWith("apps/") ||
            found.specifier.startsWith("@touchpoint/collector") ||
            STORE_PACKAGES.some((p) => found.specifier === p || found.specifier.startsWith(`${p}/`))
          );
        })
        .map(show),
  },
  {
    rule: "the store (apps/collector/src/store) never imports hono, nor the collector's HTTP side",
    broken: (root) =>
      sourceFiles(root, "apps/collector/src/store")
        .flatMap((file) => importsOf(root, file))
        .filter((found) => {
          const target = resolveImport(root, found);
          return (
            isHono(found.specifier) ||
            (target?.startsWith("apps/collector/src/") &&
              !target.startsWith("apps/collector/src/store/") &&
              /\/(routes|http|middleware|server)\/|\/app\.ts$/.test(target))
          );
        })
        .map(show),
  },
  {
    rule: "the SDK (packages/sdk) never loads zod, directly or through what it imports",
    broken: (root) =>
      runtimeClosure(root, sourceFiles(root, "packages/sdk/src"))
        .filter((found) => found.specifier === "zod" || found.specifier.startsWith("zod/"))
        .map(show),
  },
];
