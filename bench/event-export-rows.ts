import type { ExportFigures } from "./event-export.js";
import type { TableRow } from "./results-table.js";

/** The export streams person by person: its memory must not grow with the table (issue 18). */
export const EXPORT_GROWTH_LIMIT_MB = 64;

const number = (n: number) => Math.round(n).toLocaleString("en-US");

export function eventExportRows(f: ExportFigures): TableRow[] {
  if (f.status === "unavailable") return [{ metric: "events export", value: "not available", target: f.reason, verdict: "n/a" }];
  return f.runs.flatMap((run) => {
    const growth = run.peakRssMb - f.rssBeforeMb;
    const complete = run.rows === f.storedEvents;
    return [
      {
        metric: `events export, ${run.format}: rows/s (${number(run.rows)} of ${number(f.storedEvents)} events, ${(run.bytes / 1e6).toFixed(0)} MB)`,
        value: number(run.rows / run.seconds),
        target: "every event",
        verdict: complete ? "info" : "fail",
      },
      {
        metric: `  collector peak RSS while exporting (${f.rssBeforeMb.toFixed(0)} MB before)`,
        value: `${run.peakRssMb.toFixed(0)} MB`,
        target: `<= before + ${EXPORT_GROWTH_LIMIT_MB} MB`,
        verdict: growth <= EXPORT_GROWTH_LIMIT_MB ? "pass" : "fail",
      },
    ];
  });
}
