import { ATTRIBUTION_MODELS, type QueryMeasurement } from "./queries.js";
import type { TableRow } from "./results-table.js";
import type { ScaleFigures } from "./scale-reports.js";

/** Issue 21's targets at ten million events and a million persons. */
export const SCALE_TARGETS = { funnelMs: 2_000, attributionMs: 4_000, peakRssMb: 512 } as const;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function scaleRows(f: ScaleFigures): TableRow[] {
  const events = f.events.toLocaleString("en-US");
  const slowest = (metric: string, m: QueryMeasurement, maxMs: number): TableRow => {
    const target = `<= ${maxMs / 1000} s`;
    if (m.status !== "measured") return { metric, value: m.status === "failed" ? "failed" : "not available", target, verdict: "fail" };
    return { metric, value: seconds(m.timing.maxMs), target, verdict: m.timing.maxMs <= maxMs ? "pass" : "fail" };
  };
  const runs = `slowest of ${f.settings.reportRuns}`;
  const rows: TableRow[] = [{ metric: "scale tier: events", value: events, target: "", verdict: "info" }];
  if (f.seedSeconds !== null)
    rows.push({ metric: "  seeded by touchpoint seed in", value: seconds(f.seedSeconds * 1000), target: "", verdict: "info" });
  if (f.upkeepCatchUpMs !== null) {
    const perMillion = f.upkeepCatchUpMs / (f.events / 1_000_000);
    rows.push({
      metric: "  journey upkeep built every digest in",
      value: `${seconds(f.upkeepCatchUpMs)} (${seconds(perMillion)} per million events)`,
      target: "<= 3 s per million events",
      verdict: perMillion <= 3_000 ? "pass" : "fail",
    });
  }
  rows.push({
    metric: "  database file read into the page cache first",
    value: `${(f.pageCache.bytes / 1e9).toFixed(1)} GB in ${seconds(f.pageCache.ms)}`,
    target: "",
    verdict: "info",
  });
  const cpu = (ms: number): TableRow => ({ metric: "    collector CPU per answer", value: seconds(ms), target: "", verdict: "info" });
  rows.push(
    slowest(`  funnel, ${runs}`, f.funnel, SCALE_TARGETS.funnelMs),
    cpu(f.collectorCpuMs.funnel),
    ...ATTRIBUTION_MODELS.flatMap((model) => [
      slowest(`  attribution ${model}, ${runs}`, f.attribution[model], SCALE_TARGETS.attributionMs),
      cpu(f.collectorCpuMs.attribution[model]),
    ]),
    {
      metric: "  collector peak RSS while answering",
      value: `${f.collectorPeakRssMb.toFixed(0)} MB`,
      target: `<= ${SCALE_TARGETS.peakRssMb} MB`,
      verdict: f.collectorPeakRssMb <= SCALE_TARGETS.peakRssMb ? "pass" : "fail",
    },
  );
  return rows;
}
