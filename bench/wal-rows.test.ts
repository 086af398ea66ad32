import { describe, expect, it } from "vitest";
import { walRows } from "./wal-rows.js";

const settings = { customers: 1000, days: 30, seconds: 30, connections: 50 };

describe("walRows", () => {
  it("judges the peak WAL against twice the collector's 64 MiB limit", () => {
    const measured = {
      status: "measured",
      settings,
      peakWalBytes: 70_000_000,
      finalWalBytes: 0,
      reports: 12,
      failedReports: 0,
      ingestEventsPerSecond: 20_500.4,
      unexpectedAnswers: 0,
    } as const;
    expect(walRows(measured)).toEqual([
      { metric: "peak WAL, 30 s of 50-event ingest beside reports", value: "70.0 MB", target: "<= 134.2 MB", verdict: "pass" },
      { metric: "  meanwhile: reports answered / ingest", value: "12 of 12 / 20,500 events/s", target: "", verdict: "info" },
    ]);
    expect(walRows({ ...measured, peakWalBytes: 1_200_000_000 })[0]?.verdict).toBe("fail");
    expect(walRows({ ...measured, failedReports: 1 })[0]?.verdict).toBe("fail");
  });

  it("says when nothing could be measured", () => {
    expect(walRows({ status: "unavailable", settings, reason: "no seed" })).toEqual([
      { metric: "peak WAL, 30 s of 50-event ingest beside reports", value: "not available", target: "<= 134.2 MB", verdict: "n/a" },
    ]);
  });
});
