import type { PostgresIngestFigures } from "./ingest-postgres.js";
import type { TableRow } from "./results-table.js";

const integer = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;

/** The PostgreSQL ingest figures as table rows: context figures, and the stored-events check. */
export function postgresIngestRows(f: PostgresIngestFigures): TableRow[] {
  const rows: TableRow[] = [];
  for (const run of f.runs) {
    const who = `PostgreSQL, ${run.collectors} collector${run.collectors === 1 ? "" : "s"}`;
    rows.push(
      {
        metric: `${who}: POST ${run.eventsPerRequest} events per request`,
        value: `${integer(run.eventsPerSecond)} events/s`,
        target: "",
        verdict: "info",
      },
      { metric: `${who}: p50 / p99 latency`, value: `${ms(run.latencyP50Ms)} / ${ms(run.latencyP99Ms)}`, target: "", verdict: "info" },
    );
  }
  const [one, two] = f.runs;
  if (one !== undefined && two !== undefined) {
    rows.push({
      metric: "PostgreSQL, 2 collectors / 1 collector",
      value: (two.eventsPerSecond / one.eventsPerSecond).toFixed(2),
      target: "",
      verdict: "info",
    });
  }
  const unexpected = f.runs.reduce((sum, run) => sum + run.check.unexpected, 0);
  rows.push({
    metric: "PostgreSQL: answers other than 200, events stored (acked <= stored <= sent)",
    value: f.runs
      .map(
        (run) =>
          `${integer(run.check.unexpected)} other; ${integer(run.check.acknowledgedEvents)} <= ${integer(run.check.storedEvents)} <= ${integer(run.check.sentEvents)}`,
      )
      .join(" | "),
    target: "0 other answers; holds",
    verdict: unexpected === 0 && f.runs.every((run) => run.check.consistent) ? "pass" : "fail",
  });
  return rows;
}
