import type { AttributionCredit, AttributionResponse } from "../api-types.js";
import { barChart } from "../charts/bar-chart.js";
import { h, type Child } from "../dom.js";
import { formatChange, formatCount, formatMoney, formatShare } from "../format.js";
import { dataTable, emptyState, type Column } from "./data-table.js";

function optionalNumber(value: number | null, format: (value: number) => string): string {
  return value === null || value === undefined ? "–" : format(value);
}

/** Credit per key under one model, as bars of share and a table with conversions and value. */
export function renderAttribution(response: AttributionResponse, previous: AttributionResponse | null = null): HTMLElement {
  const summary = h(
    "p",
    { class: "summary" },
    h("strong", {}, formatCount(response.totalConversions)),
    ` conversions (${response.conversion}) worth `,
    h("strong", {}, formatMoney(response.totalValue)),
    ` · ${response.model} by ${response.groupBy} · ${formatCount(response.lookbackDays)}-day lookback`,
    previous
      ? h(
          "span",
          { class: "change" },
          ` · previous period ${formatCount(previous.totalConversions)} conversions, ${formatChange(response.totalConversions, previous.totalConversions)}`,
        )
      : null,
  );
  if (response.credits.length === 0) return h("div", {}, summary, emptyState("No conversions in this period."));
  const withSpend = response.credits.some((credit) => "cost" in credit);
  const columns: Column[] = [
    { label: response.groupBy },
    { label: "Conversions", numeric: true },
    { label: "Value", numeric: true },
    { label: "Share", numeric: true },
    ...(withSpend
      ? [
          { label: "Cost", numeric: true },
          { label: "ROAS", numeric: true },
          { label: "CAC", numeric: true },
        ]
      : []),
  ];
  const row = (credit: AttributionCredit): Child[] => [
    credit.key,
    formatCount(credit.conversions),
    formatMoney(credit.value),
    formatShare(credit.share),
    ...("cost" in credit
      ? [optionalNumber(credit.cost, formatMoney), optionalNumber(credit.roas, formatCount), optionalNumber(credit.cac, formatMoney)]
      : withSpend
        ? ["–", "–", "–"]
        : []),
  ];
  return h(
    "div",
    {},
    summary,
    barChart(
      response.credits.map((credit) => ({ label: credit.key, value: credit.share, text: formatShare(credit.share) })),
      `Share of ${response.conversion} conversions by ${response.groupBy} (${response.model})`,
    ),
    dataTable(`Attribution: ${response.model} by ${response.groupBy}`, columns, response.credits.map(row)),
  );
}
