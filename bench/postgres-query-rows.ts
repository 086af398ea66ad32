/** The PostgreSQL query figures beside SQLite's: each report's time and its ratio to SQLite's (issue 16's target: within 1.5x). */
import { ATTRIBUTION_MODELS, type QueryFigures, type QueryMeasurement } from "./queries.js";
import type { TableRow } from "./results-table.js";

/** PostgreSQL report times may be at most this many times SQLite's. */
export const POSTGRES_REPORT_RATIO = 1.5;

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;

type Pick = "firstMs" | "p95Ms" | "maxMs";

export function postgresQueryRows(postgres: QueryFigures, sqlite: QueryFigures | null): TableRow[] {
  const row = (metric: string, pick: Pick, of: (f: QueryFigures) => QueryMeasurement, judged = true): TableRow => {
    const name = `PostgreSQL: ${metric}`;
    const m = of(postgres);
    if (m.status === "unavailable") return { metric: name, value: "not available yet", target: "", verdict: "n/a" };
    if (m.status === "failed") return { metric: name, value: "failed", target: "", verdict: "fail" };
    const base = sqlite === null ? null : of(sqlite);
    if (!judged || base === null || base.status !== "measured")
      return { metric: name, value: ms(m.timing[pick]), target: "", verdict: "info" };
    const ratio = m.timing[pick] / base.timing[pick];
    return {
      metric: name,
      value: `${ms(m.timing[pick])} (${ratio.toFixed(2)}x SQLite)`,
      target: `<= ${POSTGRES_REPORT_RATIO}x SQLite`,
      verdict: ratio <= POSTGRES_REPORT_RATIO ? "pass" : "fail",
    };
  };
  const rows: TableRow[] = [];
  if (postgres.database !== null)
    rows.push({
      metric: "PostgreSQL: query database: events",
      value: Math.round(postgres.database.events).toLocaleString("en-US"),
      target: "",
      verdict: "info",
    });
  rows.push(
    row("journey upkeep caught up after seeding", "firstMs", (f) => f.upkeepCatchUp, false),
    row("journey asked again, p95", "p95Ms", (f) => f.journey),
    row("journey, first requests, p95", "p95Ms", (f) => f.journeyFirstRequests),
    row("customers list (limit 100), p95", "p95Ms", (f) => f.customers),
    row(`funnel, slowest of ${postgres.settings.funnelRuns}`, "maxMs", (f) => f.funnel),
    ...ATTRIBUTION_MODELS.map((model) =>
      row(`attribution ${model}, slowest of ${postgres.settings.attributionRuns}`, "maxMs", (f) => f.attribution[model]),
    ),
  );
  return rows;
}
