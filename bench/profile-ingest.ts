// `npm run profile --workspace=@touchpoint/bench`: CPU profiles of the built collector under the
// 1-event and 50-event ingest loads, summarised by self time. The .cpuprofile files stay in
// results/ for Chrome DevTools (Performance tab, "Load profile").
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchSettings } from "./bench-settings.js";
import { buildCollector } from "./build-collector.js";
import { createSite, REPO_ROOT, startCollector } from "./collector-process.js";
import { runBatchLoad } from "./ingest-loads.js";
import { type CpuProfile, type ProfileSummary, summarizeCpuProfile } from "./profile/cpu-profile.js";
import { selfByArea } from "./profile/self-by-area.js";
import { sourceLocator } from "./profile/source-locator.js";
import { formatColumns } from "./results-table.js";

const TOP_FUNCTIONS = 30;
const TOP_AREAS = 15;
/** Finer than the default 1 ms: a 1-event request costs well under a millisecond of CPU. */
const SAMPLING_INTERVAL_US = 250;

const { connections, seconds, warmupSeconds } = benchSettings(process.env).ingest;
const results = fileURLToPath(new URL("./results/", import.meta.url));
await mkdir(results, { recursive: true });
buildCollector();

for (const eventsPerRequest of [1, 50]) {
  const name = `profile-ingest-${eventsPerRequest}`;
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-profile-"));
  try {
    const dbPath = join(dir, "profile.db");
    const site = await createSite(dbPath, "bench-profile");
    const spawned = performance.now();
    const collector = await startCollector({
      dbPath,
      nodeFlags: [
        "--cpu-prof",
        "--cpu-prof-dir",
        results,
        "--cpu-prof-name",
        `${name}.cpuprofile`,
        "--cpu-prof-interval",
        String(SAMPLING_INTERVAL_US),
      ],
    });
    let load: Awaited<ReturnType<typeof runBatchLoad>> | undefined;
    let warmedUpMs = 0;
    let exitCode: number | null = null;
    try {
      if (warmupSeconds > 0) await runBatchLoad(collector.url, site.writeKey, eventsPerRequest, { connections, seconds: warmupSeconds });
      // Start-up and warm-up are left out of the summary; the profile starts a little after the spawn.
      warmedUpMs = performance.now() - spawned;
      load = await runBatchLoad(collector.url, site.writeKey, eventsPerRequest, { connections, seconds });
    } finally {
      exitCode = await collector.stop();
    }
    if (exitCode !== 0) throw new Error(`the collector exited with ${exitCode}; the profile is written only on a clean exit`);
    const profile = JSON.parse(await readFile(join(results, `${name}.cpuprofile`), "utf8")) as CpuProfile;
    const report = [
      `${eventsPerRequest} event(s) per request, ${connections} connections, ${seconds} s after ${warmupSeconds} s of warm-up, profiled:`,
      `${Math.round(load.requestsPerSecond)} req/s, ${Math.round(load.eventsPerSecond)} events/s`,
      describe(summarizeCpuProfile(profile, sourceLocator(REPO_ROOT), warmedUpMs)),
    ].join("\n");
    await writeFile(join(results, `${name}.txt`), `${report}\n`);
    console.log(`\n${report}\n(also in results/${name}.txt, profile in results/${name}.cpuprofile)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function describe(summary: ProfileSummary): string {
  const percent = (n: number) => `${n.toFixed(1)}%`;
  return [
    `${summary.samples} samples, ${percent(summary.idlePercent)} idle; shares below are of the busy samples.`,
    "",
    formatColumns(
      ["self", "area"],
      selfByArea(summary.functions)
        .slice(0, TOP_AREAS)
        .map((a) => [percent(a.selfPercent), a.area]),
    ),
    "",
    formatColumns(
      ["self", "total", "function", "where"],
      summary.functions.slice(0, TOP_FUNCTIONS).map((f) => [percent(f.selfPercent), percent(f.totalPercent), f.functionName, f.location]),
    ),
  ].join("\n");
}
