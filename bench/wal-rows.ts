import type { TableRow } from "./results-table.js";
import { WAL_LIMIT_BYTES, type WalFigures } from "./wal-growth.js";

const MB = 1_000_000;
/** The WAL is truncated after it passes its limit; a checkpoint turn or two of writes may come first. */
const PEAK_TARGET_BYTES = 2 * WAL_LIMIT_BYTES;

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

export function walRows(f: WalFigures): TableRow[] {
  const metric = `peak WAL, ${f.settings.seconds} s of 50-event ingest beside reports`;
  const target = `<= ${mb(PEAK_TARGET_BYTES)}`;
  if (f.status === "unavailable") return [{ metric, value: "not available", target, verdict: "n/a" }];
  const failed = f.failedReports > 0 || f.unexpectedAnswers > 0;
  return [
    { metric, value: mb(f.peakWalBytes), target, verdict: failed ? "fail" : f.peakWalBytes <= PEAK_TARGET_BYTES ? "pass" : "fail" },
    {
      metric: "  meanwhile: reports answered / ingest",
      value: `${f.reports - f.failedReports} of ${f.reports} / ${Math.round(f.ingestEventsPerSecond).toLocaleString("en-US")} events/s`,
      target: "",
      verdict: "info",
    },
  ];
}
