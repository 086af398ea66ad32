import type { MomentsOfTruthResponse } from "../api-types.js";
import { barChart } from "../charts/bar-chart.js";
import { h } from "../dom.js";
import { formatChange, formatCount, formatPointChange, formatShare } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";

/**
 * The touchpoints of a stage after which people advanced, most decisive first; with the previous
 * period, each touchpoint's change in customers and in the advanced share.
 */
export function renderMomentsOfTruth(response: MomentsOfTruthResponse, previous: MomentsOfTruthResponse | null = null): HTMLElement {
  if (response.touchpoints.length === 0) return emptyState(`No touchpoints seen in ${response.stage}.`);
  const moments = [...response.touchpoints].sort((a, b) => b.advanced - a.advanced || b.customers - a.customers);
  const before = (name: string) => previous?.touchpoints.find((moment) => moment.name === name);
  const title = `Share of customers who advanced from ${response.stage} within ${formatCount(response.withinDays)} days`;
  return h(
    "div",
    {},
    h("p", { class: "summary" }, `${title}, by touchpoint.`),
    barChart(
      moments.map((moment) => ({ label: moment.name, value: moment.advanced, text: formatShare(moment.advanced) })),
      title,
      1,
    ),
    dataTable(
      `Moments of truth in ${response.stage}`,
      [
        { label: "Touchpoint" },
        { label: "Customers", numeric: true },
        { label: "Advanced", numeric: true },
        { label: "Went quiet", numeric: true },
        ...(previous
          ? [
              { label: "Customers vs previous", numeric: true, definition: "Change in customers from the previous period." },
              { label: "Advanced vs previous", numeric: true, definition: "Change in the advanced share, in percentage points." },
            ]
          : []),
      ],
      moments.map((moment) => [
        moment.name,
        formatCount(moment.customers),
        formatShare(moment.advanced),
        formatShare(moment.quiet),
        ...(previous
          ? [
              formatChange(moment.customers, before(moment.name)?.customers ?? 0),
              formatPointChange(moment.advanced, before(moment.name)?.advanced),
            ]
          : []),
      ]),
    ),
  );
}
