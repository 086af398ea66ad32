import { existsSync, readFileSync } from "node:fs";
import { SourceMap, type SourceMapping } from "node:module";
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CodeLocation, Locate } from "./cpu-profile.js";

/**
 * Locates profile frames in the code people edit: a bundled file with a source map beside it
 * (the collector's dist/cli.js) maps back to its TypeScript source, including the workspace
 * packages it bundles; paths are shown relative to
 * `root`, so dependencies read as node_modules/<package>/... and Node's own as node:internal/...
 */
export function sourceLocator(root: string): Locate {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (file: string) => {
    if (!maps.has(file)) {
      const mapFile = `${file}.map`;
      maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null);
    }
    return maps.get(file) ?? null;
  };
  const shown = (file: string) => {
    const path = relative(root, file);
    return path.startsWith("..") || isAbsolute(path) ? file : path;
  };

  return (url: string, line: number, column: number): CodeLocation => {
    if (!url.startsWith("file://")) return { file: url, line: line + 1 };
    const file = fileURLToPath(url);
    // Packages' maps point at sources they do not ship: name the file that ran instead.
    const entry: Partial<SourceMapping> | undefined = file.includes("/node_modules/") ? undefined : mapFor(file)?.findEntry(line, column);
    if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
      const source = entry.originalSource.startsWith("file://")
        ? fileURLToPath(entry.originalSource)
        : resolve(file, "..", entry.originalSource);
      return { file: shown(source), line: entry.originalLine + 1 };
    }
    return { file: shown(file), line: line + 1 };
  };
}
