import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** What the demo keeps of its site's secret keys, so that every start can print a working dashboard link. */
export interface DemoKeys {
  siteId: string;
  readKey: string;
  /** Known only when the demo created the site; null after it had to replace a lost read key. */
  secretKey: string | null;
}

/** Beside a SQLite file; for a PostgreSQL URL in ./data. */
export function demoKeysPath(db: string): string {
  return join(/^postgres(ql)?:\/\//.test(db) ? "./data" : dirname(db), "demo-keys.json");
}

export function readDemoKeys(path: string): DemoKeys | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
  const keys = parsed as Partial<DemoKeys> | null;
  if (typeof keys?.siteId !== "string" || typeof keys.readKey !== "string") return null;
  return { siteId: keys.siteId, readKey: keys.readKey, secretKey: typeof keys.secretKey === "string" ? keys.secretKey : null };
}

/** Written whole (temporary file, then rename) and readable by the owner only: these are secrets. */
export function writeDemoKeys(path: string, keys: DemoKeys): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
