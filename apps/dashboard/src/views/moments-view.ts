import type { MomentsOfTruthResponse } from "../api-types.js";
import { barChart } from "../charts/bar-chart.js";
import { h } from "../dom.js";
import { formatCount, formatShare } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";

/** The touchpoints of a stage after which people advanced, most decisive first. */
export function renderMomentsOfTruth(response: MomentsOfTruthResponse): HTMLElement {
  if (response.touchpoints.length === 0) return emptyState(`No touchpoints seen in ${response.stage}.`);
  const moments = [...response.touchpoints].sort((a, b) => b.advanced - a.advanced || b.customers - a.customers);
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
      ],
      moments.map((moment) => [moment.name, formatCount(moment.customers), formatShare(moment.advanced), formatShare(moment.quiet)]),
    ),
  );
}
