import { readFileSync, readdirSync } from "node:fs";
import { startThrowawayPostgres } from "../apps/collector/src/testing/throwaway-postgres.ts";
import { createSite, startCollector } from "./collector-process.ts";
import { runBatchLoad } from "./ingest-loads.ts";
const server = await startThrowawayPostgres({ fsync: "on", synchronous_commit: "on", full_page_writes: "on" });
const cpuOf = (pred: (cmd: string) => boolean) => { let t = 0; for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) { try { const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8"); if (!pred(cmd)) continue; const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" "); t += Number(f[11]) + Number(f[12]); } catch {} } return t / 100; };
const isPg = (cmd: string) => cmd.startsWith("postgres:") || cmd.includes("bin/postgres");
const isCollector = (cmd: string) => cmd.includes("dist/cli.js");
for (const n of [1, 2]) {
  const url = await server.createDatabase(`cpu_${n}`);
  const site = await createSite(url, "w");
  const nodes = [];
  for (let i = 0; i < n; i++) nodes.push(await startCollector({ dbPath: url }));
  await Promise.all(nodes.map((node) => runBatchLoad(node.url, site.writeKey, 50, { seconds: 2, connections: Math.floor(50 / n) })));
  const before = { pg: cpuOf(isPg), col: cpuOf(isCollector), self: process.cpuUsage() };
  const runs = await Promise.all(nodes.map((node) => runBatchLoad(node.url, site.writeKey, 50, { seconds: 8, connections: Math.floor(50 / n) })));
  const self = process.cpuUsage(before.self);
  console.log(n, "collectors: events/s", runs.reduce((s, r) => s + r.eventsPerSecond, 0).toFixed(0), "cpu s over 8 s: postgres", (cpuOf(isPg) - before.pg).toFixed(1), "collectors", (cpuOf(isCollector) - before.col).toFixed(1), "load generator", ((self.user + self.system) / 1e6).toFixed(1));
  await Promise.all(nodes.map((node) => node.stop()));
}
await server.stop();
