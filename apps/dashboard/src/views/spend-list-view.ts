import type { StoredSpend } from "../api-types.js";
import { h } from "../dom.js";
import { formatMoney } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";

/** The spend recorded for the site (GET /v1/spend), oldest first: what cost, ROAS and CAC are priced from. */
export function renderSpendList(rows: readonly StoredSpend[]): HTMLElement {
  const heading = h("h3", {}, "Recorded spend");
  if (rows.length === 0) return h("section", { class: "spend-list" }, heading, emptyState("No spend recorded yet."));
  return h(
    "section",
    { class: "spend-list" },
    heading,
    dataTable(
      "Recorded spend",
      [
        { label: "Spent on" },
        { label: "Channel or campaign" },
        { label: "From (UTC)" },
        { label: "To (UTC, included)" },
        { label: "Amount", numeric: true },
      ],
      rows.map((row) => [row.groupBy, row.key, row.from, row.to, formatMoney(row.amount, row.currency)]),
    ),
  );
}
