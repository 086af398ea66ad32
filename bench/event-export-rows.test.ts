import { describe, expect, it } from "vitest";
import { eventExportRows } from "./event-export-rows.js";

const settings = { customers: 10, days: 3 };

describe("eventExportRows", () => {
  it("reports rows a second per format and fails a peak over the baseline plus 64 MB or a missing row", () => {
    const rows = eventExportRows({
      status: "measured",
      settings,
      storedEvents: 1_000_000,
      rssBeforeMb: 100,
      runs: [
        { format: "ndjson", rows: 1_000_000, bytes: 400e6, seconds: 10, peakRssMb: 150 },
        { format: "csv", rows: 999_999, bytes: 300e6, seconds: 8, peakRssMb: 170 },
      ],
    });
    expect(rows).toEqual([
      {
        metric: "events export, ndjson: rows/s (1,000,000 of 1,000,000 events, 400 MB)",
        value: "100,000",
        target: "every event",
        verdict: "info",
      },
      { metric: "  collector peak RSS while exporting (100 MB before)", value: "150 MB", target: "<= before + 64 MB", verdict: "pass" },
      {
        metric: "events export, csv: rows/s (999,999 of 1,000,000 events, 300 MB)",
        value: "125,000",
        target: "every event",
        verdict: "fail",
      },
      { metric: "  collector peak RSS while exporting (100 MB before)", value: "170 MB", target: "<= before + 64 MB", verdict: "fail" },
    ]);
  });

  it("says why when the export could not run", () => {
    expect(eventExportRows({ status: "unavailable", settings, reason: "no export" })).toEqual([
      { metric: "events export", value: "not available", target: "no export", verdict: "n/a" },
    ]);
  });
});
