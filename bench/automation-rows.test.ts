import { describe, expect, it } from "vitest";
import type { AutomationFigures, IngestRound } from "./automation-bench.js";
import { automationRows } from "./automation-rows.js";

const round = (eventsPerSecond: number, cpuMicrosPerEvent: number): IngestRound => ({ eventsPerSecond, cpuMicrosPerEvent });

const figures = (overrides: Partial<AutomationFigures> = {}): AutomationFigures => ({
  settings: { pending: 1_000_000, ingestEvents: 200_000, rounds: 3 },
  seedSeconds: 70,
  burst: { timers: 10_000, fired: 10_000, seconds: 2.5 },
  spread: { timers: 10_000, overSeconds: 20, fired: 10_000, lagP50Ms: 110, lagP99Ms: 1_000 },
  ingest: {
    none: [round(100_000, 5), round(90_000, 4), round(120_000, 6)],
    idle: [round(95_000, 5.1), round(80_000, 5.2), round(99_000, 4.9)],
    triggering: [round(91_000, 5.5), round(70_000, 5.6), round(89_000, 5.4)],
  },
  ...overrides,
});

describe("automationRows", () => {
  it("judges the p99 lag against 1 s and the CPU per event with rules against none + 10%, from the median rounds", () => {
    expect(automationRows(figures())).toEqual([
      {
        metric: "automation: timers fired per second, 10,000 due at once beside 1,000,000 pending",
        value: "4,000 /s",
        target: "",
        verdict: "info",
      },
      {
        metric: "automation: firing lag p99 after the due time, 10,000 due over 20 s",
        value: "1,000 ms (p50 110 ms)",
        target: "<= 1,000 ms",
        verdict: "pass",
      },
      {
        metric: "automation: ingest CPU per event, 100 rules (1% of events trigger one) vs none",
        value: "+10.0% (5.50 us vs 5.00 us)",
        target: "<= +10%",
        verdict: "pass",
      },
      { metric: "  99 rules that nothing triggers vs none", value: "+2.0% (5.10 us vs 5.00 us)", target: "<= +10%", verdict: "pass" },
      {
        metric: "  ingest rate, none / 99 idle / 100 rules, median of 3",
        value: "100,000 / 95,000 / 89,000 events/s",
        target: "",
        verdict: "info",
      },
    ]);
  });

  it("fails a lag over 1 s, a cost over 10%, and timers that never fired", () => {
    const late = figures({
      spread: { timers: 10_000, overSeconds: 20, fired: 10_000, lagP50Ms: 300, lagP99Ms: 1_001 },
      ingest: { none: [round(100_000, 4)], idle: [round(100_000, 3.5)], triggering: [round(90_000, 4.41)] },
    });
    expect(automationRows(late).map((row) => [row.value, row.verdict])).toEqual([
      ["4,000 /s", "info"],
      ["1,001 ms (p50 300 ms)", "fail"],
      ["+10.3% (4.41 us vs 4.00 us)", "fail"],
      ["-12.5% (3.50 us vs 4.00 us)", "pass"],
      ["100,000 / 100,000 / 90,000 events/s", "info"],
    ]);
    const stuck = figures({
      burst: { timers: 10_000, fired: 9_000, seconds: 300 },
      spread: { timers: 10_000, overSeconds: 20, fired: 0, lagP50Ms: null, lagP99Ms: null },
    });
    expect(
      automationRows(stuck)
        .slice(0, 2)
        .map((row) => [row.value, row.verdict]),
    ).toEqual([
      ["9,000 of 10,000 fired", "fail"],
      ["0 of 10,000 fired", "fail"],
    ]);
  });
});
