import type { CustomerSummary } from "../api-types.js";
import { h } from "../dom.js";
import { daysBetween, formatTime } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";
import { propertyList } from "./property-list.js";

/** A button that opens the customer's journey; a summary without a customer id stays plain text. */
function customerCell(id: string | null, openJourney: (customerId: string) => void): Node | string {
  if (id === null) return "(anonymous)";
  const button = h("button", { type: "button", class: "link-button", "aria-label": `Open the journey of ${id}` }, id);
  button.addEventListener("click", () => openJourney(id));
  return button;
}

/** Customers with the time they have spent in their current stage; each id opens the journey. */
export function renderCustomers(customers: CustomerSummary[], now: Date, openJourney: (customerId: string) => void): HTMLElement {
  if (customers.length === 0) return emptyState("No customers match.");
  return dataTable(
    "Customers in the stage",
    [{ label: "Customer" }, { label: "Stage" }, { label: "In stage since" }, { label: "Days in stage", numeric: true }, { label: "Last seen" }, { label: "Traits" }],
    customers.map((customer) => [
      customerCell(customer.customerId, openJourney),
      customer.currentStage ?? "–",
      formatTime(customer.stageEnteredAt),
      customer.stageEnteredAt ? String(daysBetween(customer.stageEnteredAt, now)) : "–",
      formatTime(customer.lastSeen),
      propertyList(customer.traits),
    ]),
  );
}
