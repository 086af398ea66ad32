import { describe, expect, it } from "vitest";
import type { QueryMeasurement } from "./queries.js";
import type { ScaleFigures } from "./scale-reports.js";
import { scaleRows } from "./scale-rows.js";

const measured = (maxMs: number): QueryMeasurement => ({
  status: "measured",
  timing: { firstMs: maxMs, runs: 3, p50Ms: maxMs, p95Ms: maxMs, maxMs },
});

const figures: ScaleFigures = {
  settings: { customers: 720_000, days: 90, directory: "/tmp/scale", reportRuns: 3 },
  events: 10_012_345,
  seedSeconds: 480.5,
  upkeepCatchUpMs: 25_031,
  pageCache: { bytes: 7_608_692_736, ms: 11_063 },
  funnel: measured(1_950),
  attribution: { linear: measured(3_999), markov: measured(4_010), shapley: { status: "failed", reason: "GET /v1/attribution: 503" } },
  collectorCpuMs: { funnel: 1_520.25, attribution: { linear: 3_100, markov: 3_333.3, shapley: 12 } },
  collectorPeakRssMb: 513.4,
};

describe("the scale tier's rows", () => {
  it("judge funnel <= 2 s, attribution <= 4 s per model and RSS <= 512 MB, and say how the database was made and read", () => {
    expect(scaleRows(figures)).toEqual([
      { metric: "scale tier: events", value: "10,012,345", target: "", verdict: "info" },
      { metric: "  seeded by touchpoint seed in", value: "480.50 s", target: "", verdict: "info" },
      {
        metric: "  journey upkeep built every digest in",
        value: "25.03 s (2.50 s per million events)",
        target: "<= 3 s per million events",
        verdict: "pass",
      },
      { metric: "  database file read into the page cache first", value: "7.6 GB in 11.06 s", target: "", verdict: "info" },
      { metric: "  funnel, slowest of 3", value: "1.95 s", target: "<= 2 s", verdict: "pass" },
      { metric: "    collector CPU per answer", value: "1.52 s", target: "", verdict: "info" },
      { metric: "  attribution linear, slowest of 3", value: "4.00 s", target: "<= 4 s", verdict: "pass" },
      { metric: "    collector CPU per answer", value: "3.10 s", target: "", verdict: "info" },
      { metric: "  attribution markov, slowest of 3", value: "4.01 s", target: "<= 4 s", verdict: "fail" },
      { metric: "    collector CPU per answer", value: "3.33 s", target: "", verdict: "info" },
      { metric: "  attribution shapley, slowest of 3", value: "failed", target: "<= 4 s", verdict: "fail" },
      { metric: "    collector CPU per answer", value: "0.01 s", target: "", verdict: "info" },
      { metric: "  collector peak RSS while answering", value: "513 MB", target: "<= 512 MB", verdict: "fail" },
    ]);
  });

  it("leave out seeding and upkeep when the database was reused", () => {
    const rows = scaleRows({ ...figures, seedSeconds: null, upkeepCatchUpMs: null });
    expect(rows.map((row) => row.metric)).toEqual([
      "scale tier: events",
      "  database file read into the page cache first",
      "  funnel, slowest of 3",
      "    collector CPU per answer",
      "  attribution linear, slowest of 3",
      "    collector CPU per answer",
      "  attribution markov, slowest of 3",
      "    collector CPU per answer",
      "  attribution shapley, slowest of 3",
      "    collector CPU per answer",
      "  collector peak RSS while answering",
    ]);
  });
});
