/**
 * The reports as CSV tables for spreadsheets (`format=csv` or `Accept: text/csv`): one row per
 * line of the report's main list, snake_case columns, empty fields for null. Pure.
 */
import type {
  AttributionComparison,
  AttributionWithSpend,
  CustomerSummary,
  FunnelResult,
  GroupedFunnelResult,
  PathReportResult,
} from "@touchpoint/journeys";
import { csvLine, type CsvValue } from "./csv.js";

const table = (header: readonly string[], rows: readonly (readonly CsvValue[])[]) => csvLine(header) + rows.map(csvLine).join("");

const FUNNEL_COLUMNS = [
  "stage",
  "customers",
  "identified",
  "anonymous",
  "conversion_from_previous",
  "drop_off",
  "median_days_to_next",
  "p90_days_to_next",
  "stalled",
] as const;

/** One row per stage; with groupBy, a first `group` column and one row per group and stage. */
export function funnelCsv(funnel: FunnelResult | GroupedFunnelResult): string {
  const stageValues = (s: FunnelResult["stages"][number]): CsvValue[] => [
    s.stage,
    s.customers,
    s.identified,
    s.anonymous,
    s.conversionFromPrevious,
    s.dropOff,
    s.medianDaysToNext,
    s.p90DaysToNext,
    s.stalled,
  ];
  if ("groups" in funnel)
    return table(
      ["group", ...FUNNEL_COLUMNS],
      funnel.groups.flatMap((g) => g.stages.map((s) => [g.key, ...stageValues(s)])),
    );
  return table(FUNNEL_COLUMNS, funnel.stages.map(stageValues));
}

const MODEL_COLUMNS = ["conversions", "value", "share", "first_conversions", "roas", "cac"] as const;

/** One row per key; comparing models, each model's columns prefixed by its name. */
export function attributionCsv(report: AttributionWithSpend | AttributionComparison): string {
  if ("models" in report) {
    const header = ["key", "cost", "currency", ...report.models.flatMap((model) => MODEL_COLUMNS.map((column) => `${model}_${column}`))];
    return table(
      header,
      report.credits.map((credit) => [
        credit.key,
        credit.cost,
        credit.currency,
        ...report.models.flatMap((model) => {
          const m = credit.models[model];
          return m === undefined ? MODEL_COLUMNS.map(() => null) : [m.conversions, m.value, m.share, m.firstConversions, m.roas, m.cac];
        }),
      ]),
    );
  }
  return table(
    ["key", ...MODEL_COLUMNS.slice(0, 4), "cost", "currency", "roas", "cac"],
    report.credits.map((c) => [c.key, c.conversions, c.value, c.share, c.firstConversions, c.cost, c.currency, c.roas, c.cac]),
  );
}

/** One row per customer (or anonymous visitor); traits as JSON text. */
export function customersCsv(customers: readonly CustomerSummary[]): string {
  return table(
    ["customer_id", "anonymous_id", "current_stage", "stage_entered_at", "last_seen", "traits"],
    customers.map((c) => [c.customerId, c.anonymousId, c.currentStage, c.stageEnteredAt, c.lastSeen, JSON.stringify(c.traits)]),
  );
}

/** One row per top path, its steps joined by " > " ("(none)" for conversions with no touch). */
export function pathsCsv(report: PathReportResult): string {
  return table(
    ["path", "length", "conversions", "value", "share", "mean_days_to_convert"],
    report.paths.map((p) => [
      p.path.length === 0 ? "(none)" : p.path.join(" > "),
      p.path.length,
      p.conversions,
      p.value,
      p.share,
      p.meanDaysToConvert,
    ]),
  );
}
