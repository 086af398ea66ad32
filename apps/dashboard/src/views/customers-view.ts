import type { CustomerSummary } from "../api-types.js";
import { h } from "../dom.js";
import { daysBetween, formatChange, formatCount, formatTime } from "../format.js";
import { csvButton, emptyState, type Column } from "./data-table.js";
import { propertyList } from "./property-list.js";

export const CUSTOMERS_PAGE_SIZE = 50;

/** Opens a journey: by customer id, or by anonymous id for a visitor no identify has linked yet. */
export type OpenJourney = (id: string, kind: "customer" | "anonymous") => void;

type SortKey = "person" | "since" | "lastSeen";
interface Sort {
  key: SortKey;
  descending: boolean;
}

const personOf = (customer: CustomerSummary) => customer.customerId ?? customer.anonymousId ?? "";

function compare(sort: Sort): (a: CustomerSummary, b: CustomerSummary) => number {
  const value = (customer: CustomerSummary) =>
    sort.key === "person" ? personOf(customer) : sort.key === "since" ? (customer.stageEnteredAt ?? "") : (customer.lastSeen ?? "");
  return (a, b) => {
    const order = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : personOf(a) < personOf(b) ? -1 : personOf(a) > personOf(b) ? 1 : 0;
    return sort.descending ? -order : order;
  };
}

function personCell(customer: CustomerSummary, openJourney: OpenJourney): Node | string {
  const id = customer.customerId ?? customer.anonymousId;
  if (id === null) return "(anonymous)";
  const kind = customer.customerId === null ? "anonymous" : "customer";
  const button = h("button", { type: "button", class: "link-button", "aria-label": `Open the journey of ${id}` }, id);
  button.addEventListener("click", () => openJourney(id, kind));
  return button;
}

const COLUMNS: (Column & { sort?: SortKey; ascendingLabel?: string })[] = [
  { label: "Customer", sort: "person" },
  { label: "Stage" },
  { label: "In stage since (UTC)", sort: "since" },
  { label: "Days in stage", numeric: true, definition: "Whole days since the current stage was entered, as of now." },
  { label: "Last seen (UTC)", sort: "lastSeen" },
  { label: "Traits" },
];

/** Two periods as ISO times (from included, to excluded; open when absent): the chosen one and the one before. */
export interface ComparedPeriods {
  current: { from?: string; to?: string };
  previous: { from?: string; to?: string };
}

/** How many of the people listed entered their current stage within the period. */
function enteredWithin(customers: CustomerSummary[], period: { from?: string; to?: string }): number {
  const from = period.from ? Date.parse(period.from) : Number.NEGATIVE_INFINITY;
  const to = period.to ? Date.parse(period.to) : Number.POSITIVE_INFINITY;
  return customers.filter((customer) => {
    const entered = customer.stageEnteredAt ? Date.parse(customer.stageEnteredAt) : Number.NaN;
    return entered >= from && entered < to;
  }).length;
}

/**
 * The list is as of now, so what it can compare is when its people arrived: how many of them
 * entered the stage in the period, against the period before.
 */
function arrivals(customers: CustomerSummary[], periods: ComparedPeriods): HTMLElement {
  const current = enteredWithin(customers, periods.current);
  const previous = enteredWithin(customers, periods.previous);
  return h(
    "p",
    { class: "summary change arrivals" },
    "Of them, entered the stage in the period: ",
    h("strong", {}, formatCount(current)),
    `; in the previous period: ${formatCount(previous)}; change ${formatChange(current, previous)}`,
  );
}

/**
 * Customers with the time they have spent in their current stage: a count of all of them, a page
 * at a time, sortable by id, stage entry or last visit (longest in the stage first by default);
 * with `periods`, how many arrived in the period against the one before.
 */
export function renderCustomers(
  customers: CustomerSummary[],
  now: Date,
  openJourney: OpenJourney,
  caption = "Customers in the stage",
  complete = true,
  periods: ComparedPeriods | null = null,
): HTMLElement {
  if (customers.length === 0) return emptyState("No customers match.");
  let sort: Sort = { key: "since", descending: false };
  let page = 0;
  const pages = Math.ceil(customers.length / CUSTOMERS_PAGE_SIZE);
  const container = h("div", { class: "customer-list" });
  const cells = (customer: CustomerSummary) => [
    customer.currentStage ?? "–",
    formatTime(customer.stageEnteredAt),
    customer.stageEnteredAt ? String(daysBetween(customer.stageEnteredAt, now)) : "–",
    formatTime(customer.lastSeen),
  ];

  function header(column: (typeof COLUMNS)[number]): HTMLTableCellElement {
    const key = column.sort;
    const attributes = {
      scope: "col",
      class: column.numeric ? "numeric" : null,
      title: column.definition ?? null,
      "aria-sort": key && sort.key === key ? (sort.descending ? "descending" : "ascending") : null,
    };
    if (!key) return h("th", attributes, column.label);
    const button = h(
      "button",
      { type: "button", class: "sort-button" },
      column.label,
      h("span", { "aria-hidden": "true" }, sort.key === key ? (sort.descending ? " ▼" : " ▲") : ""),
    );
    button.addEventListener("click", () => {
      sort = { key, descending: sort.key === key ? !sort.descending : false };
      page = 0;
      show();
      container.querySelector<HTMLButtonElement>(`th[aria-sort] .sort-button`)?.focus();
    });
    return h("th", attributes, button);
  }

  function show(): void {
    const sorted = [...customers].sort(compare(sort));
    const shown = sorted.slice(page * CUSTOMERS_PAGE_SIZE, (page + 1) * CUSTOMERS_PAGE_SIZE);
    const previous = h("button", { type: "button", class: "secondary", disabled: page === 0 }, "Previous page");
    const next = h("button", { type: "button", class: "secondary", disabled: page >= pages - 1 }, "Next page");
    previous.addEventListener("click", () => {
      page -= 1;
      show();
    });
    next.addEventListener("click", () => {
      page += 1;
      show();
    });
    const table = h(
      "table",
      { class: "data-table" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, ...COLUMNS.map(header))),
      h(
        "tbody",
        {},
        ...shown.map((customer) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, personCell(customer, openJourney)),
            ...cells(customer).map((text, index) => h("td", { class: COLUMNS[index + 1]?.numeric ? "numeric" : null }, text)),
            h("td", {}, propertyList(customer.traits)),
          ),
        ),
      ),
    );
    const first = page * CUSTOMERS_PAGE_SIZE + 1;
    container.replaceChildren(
      h(
        "div",
        { class: "table-tools" },
        h(
          "p",
          { class: "summary total" },
          h("strong", {}, formatCount(customers.length)),
          complete ? " in total" : " loaded (more exist; narrow the filters)",
          ` · showing ${formatCount(first)}–${formatCount(first + shown.length - 1)}`,
        ),
        csvButton(
          caption,
          COLUMNS,
          sorted.map((customer) => [personOf(customer), ...cells(customer), JSON.stringify(customer.traits)]),
        ),
      ),
      periods ? arrivals(customers, periods) : "",
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption }, table),
      pages > 1
        ? h("nav", { class: "pager", "aria-label": `${caption}: pages` }, previous, h("span", {}, `Page ${page + 1} of ${pages}`), next)
        : "",
    );
  }
  show();
  return container;
}
