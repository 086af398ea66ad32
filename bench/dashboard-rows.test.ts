import { describe, expect, it } from "vitest";
import { dashboardRows } from "./dashboard-rows.js";

describe("dashboardRows", () => {
  it("judges the median first render against 1.5 s and gives every panel's median as context", () => {
    const rows = dashboardRows({
      status: "measured",
      figures: {
        customers: 100_000,
        events: 1_400_000,
        seedSeconds: 100,
        upkeepCatchUpMs: 2345.6,
        firstRenderMs: [900, 1600, 1200],
        allPanelsMs: [4000, 5000, 4500],
      },
    });
    expect(rows).toEqual([
      {
        metric: "Dashboard first render (funnel shown) in Chromium, 100,000 customers, median of 3",
        value: "1200 ms",
        target: "<= 1500 ms",
        verdict: "pass",
      },
      { metric: "  every panel shown (attribution, value, paths, stalled list...), median", value: "4500 ms", target: "", verdict: "info" },
      {
        metric: "  journey upkeep caught up before the loads (every digest built after seeding)",
        value: "2346 ms",
        target: "",
        verdict: "info",
      },
    ]);
    expect(
      dashboardRows({
        status: "measured",
        figures: { customers: 100_000, events: null, seedSeconds: 1, upkeepCatchUpMs: 1, firstRenderMs: [1501], allPanelsMs: [2000] },
      })[0]?.verdict,
    ).toBe("fail");
  });

  it("says when it could not measure", () => {
    expect(dashboardRows({ status: "unavailable", reason: "no seed" })).toEqual([
      { metric: "Dashboard first render in Chromium", value: "not measured", target: "<= 1500 ms", verdict: "n/a" },
    ]);
  });
});
