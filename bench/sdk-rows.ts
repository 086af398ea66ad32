import type { TableRow } from "./results-table.js";
import type { SdkFigures, TrackCost } from "./sdk-track.js";

/** Goals of issue 13: a track() call costs the page almost nothing, and a burst never freezes it. */
export const SDK_TARGETS = { trackMedianMs: 0.05, burstLongestTaskMs: 50 } as const;

const ms = (n: number) => `${n.toFixed(3)} ms`;

const costRow = (label: string, f: TrackCost): TableRow => ({
  metric: `SDK track() ${label}, median / p95 of ${f.calls.toLocaleString("en-US")} calls`,
  value: `${ms(f.callMedianMs)} / ${ms(f.callP95Ms)}`,
  target: `median <= ${SDK_TARGETS.trackMedianMs} ms`,
  verdict: f.callMedianMs <= SDK_TARGETS.trackMedianMs ? "pass" : "fail",
});

export function sdkRows(f: SdkFigures): TableRow[] {
  return [
    costRow("empty queue", f.emptyQueue),
    costRow(`${f.queued400.queued} queued`, f.queued400),
    {
      metric: `SDK longest task, burst of ${f.burst.events.toLocaleString("en-US")} track() calls`,
      value: `${f.burst.longestTaskMs.toFixed(1)} ms`,
      target: `< ${SDK_TARGETS.burstLongestTaskMs} ms`,
      verdict: f.burst.longestTaskMs < SDK_TARGETS.burstLongestTaskMs ? "pass" : "fail",
    },
    { metric: "  the burst's own task, per call", value: ms(f.burst.burstTaskMs / f.burst.events), target: "", verdict: "info" },
  ];
}
