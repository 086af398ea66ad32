/**
 * README.md's Performance section names the command that writes its table; that exact text runs
 * here, on copies of a results file and a README (BENCH_LATEST_FILE, BENCH_README_FILE).
 */
import { execSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type LatestResults, renderPerformanceTable, TABLE_END, TABLE_START } from "./readme-performance.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function readmeCommand(): string {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const section = /\n## Performance\n([\s\S]*?)\n## /.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no section "Performance"');
  const command = /`(npm run bench:readme[^`]*)`/.exec(section)?.[1];
  if (command === undefined) throw new Error("README.md's Performance section names no `npm run bench:readme` command");
  return command;
}

const latest: LatestResults = {
  machine: {
    date: "2026-12-07T10:39:34.425Z",
    node: "v20.20.2",
    platform: "linux x64",
    kernel: "6.1",
    cpus: 2,
    cpuModel: "AMD EPYC",
    memoryMb: 24_000,
    loadAverage: 0.21,
  },
  settings: { only: ["queries"] },
  table: [{ metric: "funnel, slowest of 3", value: "285.8 ms", target: "<= 1 s", verdict: "pass" }],
};

describe("README: the Performance table's command", () => {
  it("writes the results file's table between the README's markers, as the README says", () => {
    const dir = mkdtempSync(join(tmpdir(), "touchpoint-bench-readme-"));
    dirs.push(dir);
    const latestFile = join(dir, "latest.json");
    const readmeFile = join(dir, "README.md");
    writeFileSync(latestFile, JSON.stringify(latest));
    writeFileSync(readmeFile, `# Title\n\n## Performance\n\n${TABLE_START}\nold\n${TABLE_END}\n\nprose\n`);
    const command = readmeCommand();
    expect(command).toBe("npm run bench:readme --workspace=@touchpoint/bench");
    execSync(command, { cwd: REPO, env: { ...process.env, BENCH_LATEST_FILE: latestFile, BENCH_README_FILE: readmeFile }, stdio: "pipe" });
    expect(readFileSync(readmeFile, "utf8")).toBe(
      `# Title\n\n## Performance\n\n${TABLE_START}\n${renderPerformanceTable(latest)}\n${TABLE_END}\n\nprose\n`,
    );
  });
});
