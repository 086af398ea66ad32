import { describe, expect, it } from "vitest";
import { upkeepLagOf, type UpkeepLagFigures } from "./upkeep-lag.js";
import { upkeepLagRows } from "./upkeep-lag-rows.js";

describe("the steady-state upkeep part", () => {
  it("reads the lag gauge from Prometheus text", () => {
    const text = [
      "# HELP touchpoint_upkeep_lag_seconds How far journey upkeep lags",
      "# TYPE touchpoint_upkeep_lag_seconds gauge",
      "touchpoint_upkeep_lag_seconds 0.25",
      "touchpoint_upkeep_lag_seconds_total_other 9",
    ].join("\n");
    expect(upkeepLagOf(text)).toBe(0.25);
    expect(() => upkeepLagOf("process_cpu_seconds_total 1")).toThrow("no touchpoint_upkeep_lag_seconds");
  });

  const figures: UpkeepLagFigures = {
    settings: { eventsPerSecond: 20_000, seconds: 30, connections: 50 },
    ingestEventsPerSecond: 19_200,
    lagP50Seconds: 0.1,
    lagP99Seconds: 0.62,
    lagMaxSeconds: 1.4,
    samples: 117,
    unexpectedAnswers: 0,
  };

  it("meets the goal when p99 lag is under a second at the asked rate", () => {
    expect(upkeepLagRows(figures)).toEqual([
      {
        metric: "upkeep lag at 20,000 events/s of ingest, p99 of 117 samples",
        value: "0.62 s (max 1.40 s)",
        target: "< 1 s",
        verdict: "pass",
      },
      {
        metric: "  meanwhile: ingest accepted",
        value: "19,200 events/s, 0 unexpected answers",
        target: ">= 95% of 20,000",
        verdict: "pass",
      },
    ]);
  });

  it("does not meet it when the collector could not take the rate, however small the lag", () => {
    const rows = upkeepLagRows({ ...figures, ingestEventsPerSecond: 15_000 });
    expect(rows.map((row) => row.verdict)).toEqual(["fail", "fail"]);
  });
});
