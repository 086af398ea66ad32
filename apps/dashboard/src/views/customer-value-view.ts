import type { CustomerValueResponse, CustomerValueRow } from "../api-types.js";
import { h } from "../dom.js";
import { formatChange, formatCount, formatDays, formatMoney } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";
import { SPEND_UNDER_FILTER } from "./filter-note.js";

export const CUSTOMER_VALUE_DEFINITIONS = {
  customers: "Customers acquired in the period: their first conversion is in it.",
  value: "Their conversion value to date, the first conversion included.",
  cltv: "Value per customer to date.",
  cltv90: "Value per customer in the first 90 days after the first purchase, over the customers acquired at least 90 days ago.",
  cost: "Spend recorded for the key (POST /v1/spend with the secret key), pro-rated into the period.",
  cac: "Cost per customer acquired.",
  roas: "Value to date per unit of cost (return on ad spend).",
  ltvToCac: "CLTV divided by CAC.",
  payback: "Days from the first purchase until value per customer reaches CAC.",
} as const;

const orDash = (value: number | null, format: (value: number) => string) => (value === null ? "–" : format(value));

/** A row of the table; `before` is the row's customers in the previous period when comparing. */
function row(group: CustomerValueRow, currency: string | null, before?: number): string[] {
  const cltv90 = group.cltvAt.find((horizon) => horizon.days === 90)?.cltv ?? null;
  return [
    group.key,
    formatCount(group.customers),
    ...(before === undefined ? [] : [formatChange(group.customers, before)]),
    formatMoney(group.value, currency),
    orDash(group.cltv, (value) => formatMoney(value, currency)),
    orDash(cltv90, (value) => formatMoney(value, currency)),
    orDash(group.cost, (value) => formatMoney(value, group.currency)),
    orDash(group.cac, (value) => formatMoney(value, group.currency)),
    group.cost ? `${(group.value / group.cost).toFixed(2)}×` : "–",
    orDash(group.ltvToCac, (value) => `${value.toFixed(2)}×`),
    formatDays(group.paybackDays),
  ];
}

/**
 * Customers acquired per channel (campaign, cohort, trait): their value, CLTV, and once spend is
 * recorded cost, CAC, ROAS, LTV:CAC and payback. Money is in the spend's currency when it has one.
 */
export function renderCustomerValue(
  response: CustomerValueResponse,
  previous: CustomerValueResponse | null = null,
  filtered = false,
): HTMLElement {
  if (response.total.customers === 0) return emptyState("No customers were acquired in this period.");
  const currency = response.total.currency;
  const withoutSpend = response.total.cost === null;
  return h(
    "div",
    {},
    h(
      "p",
      { class: "summary" },
      h("strong", {}, formatCount(response.total.customers)),
      ` customers acquired (first ${response.conversion}), CLTV `,
      h(
        "strong",
        {},
        orDash(response.total.cltv, (value) => formatMoney(value, currency)),
      ),
      filtered
        ? ` · ${SPEND_UNDER_FILTER}`
        : withoutSpend
          ? " · no spend recorded for this period, so cost, CAC and ROAS are empty"
          : ` · blended CAC ${orDash(response.total.cac, (value) => formatMoney(value, currency))}`,
      previous
        ? h(
            "span",
            { class: "change" },
            ` · previous period ${formatCount(previous.total.customers)} customers, ${formatChange(response.total.customers, previous.total.customers)}`,
          )
        : null,
    ),
    dataTable(
      `Customer value by ${response.groupBy}`,
      [
        { label: response.groupBy },
        { label: "Customers", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.customers },
        ...(previous ? [{ label: "Change", numeric: true, definition: "Change in customers acquired from the previous period." }] : []),
        { label: "Value", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.value },
        { label: "CLTV", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.cltv },
        { label: "CLTV 90 d", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.cltv90 },
        { label: "Cost", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.cost },
        { label: "CAC", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.cac },
        { label: "ROAS", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.roas },
        { label: "LTV:CAC", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.ltvToCac },
        { label: "Payback", numeric: true, definition: CUSTOMER_VALUE_DEFINITIONS.payback },
      ],
      [
        ...response.groups.map((group) =>
          row(group, currency, previous ? (previous.groups.find((candidate) => candidate.key === group.key)?.customers ?? 0) : undefined),
        ),
        row(response.total, currency, previous?.total.customers),
      ],
    ),
  );
}
