import type { AttributionCredit, AttributionResponse } from "../api-types.js";
import { barChart } from "../charts/bar-chart.js";
import { h, type Child } from "../dom.js";
import { formatChange, formatCount, formatMoney, formatShare, singleCurrency } from "../format.js";
import { previousConversions } from "./previous-conversions.js";
import { dataTable, emptyState, type Column } from "./data-table.js";

function optionalNumber(value: number | null, format: (value: number) => string): string {
  return value === null || value === undefined ? "–" : format(value);
}

/**
 * Credit per key under one model, as bars of share and a table with conversions and value. Money
 * is in the currency of the priced credits, else the site's (`siteCurrency`), else bare.
 */
export function renderAttribution(
  response: AttributionResponse,
  previous: AttributionResponse | null = null,
  siteCurrency: string | null = null,
): HTMLElement {
  const currency = singleCurrency(response.credits.map((credit) => ("currency" in credit ? credit.currency : null))) ?? siteCurrency;
  const money = (value: number) => formatMoney(value, currency);
  const summary = h(
    "p",
    { class: "summary" },
    h("strong", {}, formatCount(response.totalConversions)),
    ` conversions (${response.conversion}) worth `,
    h("strong", {}, money(response.totalValue)),
    ` · ${response.model} by ${response.groupBy} · ${formatCount(response.lookbackDays)}-day lookback`,
    previousConversions(response.totalConversions, previous),
  );
  if (response.credits.length === 0) return h("div", {}, summary, emptyState("No conversions in this period."));
  const withSpend = response.credits.some((credit) => "cost" in credit);
  const conversionsBefore = (key: string) => previous?.credits.find((credit) => credit.key === key)?.conversions ?? 0;
  const columns: Column[] = [
    { label: response.groupBy },
    { label: "Conversions", numeric: true },
    ...(previous ? [{ label: "Change", numeric: true, definition: "Change in conversions from the previous period." }] : []),
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
    ...(previous ? [formatChange(credit.conversions, conversionsBefore(credit.key))] : []),
    money(credit.value),
    formatShare(credit.share),
    ...("cost" in credit
      ? [optionalNumber(credit.cost, money), optionalNumber(credit.roas, formatCount), optionalNumber(credit.cac, money)]
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
