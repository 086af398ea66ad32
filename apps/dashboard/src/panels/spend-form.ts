import { ApiError, recordSpend, type SpendRow } from "../api-client.js";
import { h } from "../dom.js";
import { formatMoney } from "../format.js";
import { dateField, selectField, textField } from "./controls.js";

/**
 * Records marketing spend (POST /v1/spend) so customer value and attribution can show cost, CAC
 * and ROAS. It needs the site's secret key, typed here and never stored; `onRecorded` reloads the
 * panels that price channels, and gets the key that worked so the page can hold it in memory.
 */
export function spendForm(
  days: () => { from: string; to: string },
  onRecorded: (secretKey: string) => void,
  fetchJson?: typeof fetch,
): HTMLElement {
  const secret = h("input", {
    id: "spend-secret",
    name: "spend-secret",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
  });
  const groupBy = selectField(
    "spend-group-by",
    "Spent on",
    [
      { value: "channel", label: "Channel" },
      { value: "campaign", label: "Campaign (utm_campaign)" },
    ],
    "channel",
  );
  const key = textField("spend-key", "Channel or campaign", "e.g. paid_search");
  key.input.required = true;
  const from = dateField("spend-from", "From (UTC)");
  const to = dateField("spend-to", "To (UTC, included)");
  from.input.required = true;
  to.input.required = true;
  const amount = h("input", {
    id: "spend-amount",
    name: "spend-amount",
    type: "number",
    inputmode: "decimal",
    min: 0,
    step: "any",
    required: true,
  });
  const currency = h("input", {
    id: "spend-currency",
    name: "spend-currency",
    type: "text",
    value: "EUR",
    pattern: "[A-Z]{3}",
    maxlength: 3,
    required: true,
    autocomplete: "off",
    "aria-describedby": "spend-currency-hint",
  });
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "controls spend-form", "aria-label": "Record spend" },
    h("div", { class: "field" }, h("label", { for: "spend-secret" }, "Secret key"), secret),
    groupBy.field,
    key.field,
    from.field,
    to.field,
    h("div", { class: "field" }, h("label", { for: "spend-amount" }, "Amount"), amount),
    h(
      "div",
      { class: "field" },
      h("label", { for: "spend-currency" }, "Currency"),
      currency,
      h("span", { class: "hint", id: "spend-currency-hint" }, "ISO code, e.g. EUR"),
    ),
    h("button", { type: "submit", class: "secondary" }, "Record spend"),
  );
  const fillDays = () => {
    const period = days();
    if (!from.input.value) from.input.value = period.from;
    if (!to.input.value) to.input.value = period.to;
  };
  fillDays();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const row: SpendRow = {
      groupBy: groupBy.select.value as SpendRow["groupBy"],
      key: key.input.value.trim(),
      from: from.input.value,
      to: to.input.value,
      amount: Number(amount.value),
      currency: currency.value.trim(),
    };
    status.classList.remove("error");
    status.textContent = "Recording…";
    try {
      const key = secret.value.trim();
      await recordSpend(key, row, fetchJson);
      status.textContent = `Recorded ${formatMoney(row.amount, row.currency)} on ${row.groupBy} ${row.key}, ${row.from} – ${row.to}.`;
      amount.value = "";
      onRecorded(key);
    } catch (error) {
      status.classList.add("error");
      status.textContent =
        error instanceof ApiError && error.isKeyRefused
          ? `The secret key was refused (${error.message}).`
          : error instanceof Error
            ? error.message
            : String(error);
    }
  });
  return h(
    "details",
    { class: "spend", id: "spend" },
    h("summary", {}, "Record spend (needs the site's secret key)"),
    h(
      "p",
      { class: "intro" },
      "Money spent on a channel or campaign over some days. The secret key stays in this page's memory (it lists spend and rules too) and is never stored.",
    ),
    form,
    status,
  );
}
