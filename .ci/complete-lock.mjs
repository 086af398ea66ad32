// The registry this project installs from serves no binaries for other platforms (darwin, win32,
// android builds of rollup, esbuild, turbo...). npm then leaves those optional packages out of
// package-lock.json, and `npm ci` refuses the lock as out of sync with package.json. Listing each
// missing optional package as an optional entry makes the lock complete again; npm skips them on
// this platform as it would anyway. Idempotent: run before `npm ci` and after `npm install`.
import { readFileSync, writeFileSync } from "node:fs";

const path = process.argv[2] ?? "package-lock.json";
const lock = JSON.parse(readFileSync(path, "utf8"));
const packages = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key ? `${key}/` : ""}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (nested in packages || hoisted in packages) continue;
    packages[hoisted] = entry.dev ? { version, dev: true, optional: true } : { version, optional: true };
    added++;
  }
}
if (added > 0) {
  const sorted = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)),
  );
  writeFileSync(path, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
}
console.log(`complete-lock: ${added} optional package${added === 1 ? "" : "s"} of other platforms listed`);
