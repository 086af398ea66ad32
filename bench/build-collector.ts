import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "./collector-process.js";

/** Builds the collector and what it depends on; turbo skips the work when nothing changed. */
export function buildCollector(): void {
  execFileSync("npx", ["turbo", "run", "build", "--filter=@touchpoint/collector", "--output-logs=errors-only"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
}
