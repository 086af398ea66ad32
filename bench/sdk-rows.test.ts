import { describe, expect, it } from "vitest";
import { sdkRows } from "./sdk-rows.js";
import type { SdkFigures } from "./sdk-track.js";

const figures = (median: number, longest: number): SdkFigures => ({
  emptyQueue: { calls: 1000, queued: 0, callMedianMs: median, callP95Ms: 0.09 },
  queued400: { calls: 1000, queued: 400, callMedianMs: 0.051, callP95Ms: 0.2 },
  burst: { events: 1000, burstTaskMs: 30, longestTaskMs: longest },
  timerResolutionMs: 0.005,
});

describe("sdkRows", () => {
  it("judges the median of track() against 0.05 ms and the burst's longest task against 50 ms", () => {
    expect(sdkRows(figures(0.05, 49.9))).toEqual([
      {
        metric: "SDK track() empty queue, median / p95 of 1,000 calls",
        value: "0.050 ms / 0.090 ms",
        target: "median <= 0.05 ms",
        verdict: "pass",
      },
      {
        metric: "SDK track() 400 queued, median / p95 of 1,000 calls",
        value: "0.051 ms / 0.200 ms",
        target: "median <= 0.05 ms",
        verdict: "fail",
      },
      { metric: "SDK longest task, burst of 1,000 track() calls", value: "49.9 ms", target: "< 50 ms", verdict: "pass" },
      { metric: "  the burst's own task, per call", value: "0.030 ms", target: "", verdict: "info" },
    ]);
    expect(sdkRows(figures(0.01, 50)).map((row) => row.verdict)).toEqual(["pass", "fail", "fail", "info"]);
  });
});
