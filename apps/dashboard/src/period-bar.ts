import { h } from "./dom.js";
import { dateField, selectField } from "./panels/controls.js";
import { describePeriod, periodOf, presetDays, presetOf, PRESETS, previousDays, validDay, type PresetId } from "./period.js";

/** The chosen days (YYYY-MM-DD, UTC, both included; "" is open) and whether to compare. */
export interface PeriodChoice {
  from: string;
  to: string;
  compare: boolean;
}

export interface PeriodBar {
  form: HTMLFormElement;
  /** "Showing …": the period every period-bound panel shows, in words. */
  label: HTMLElement;
  choice(): PeriodChoice;
  /** The API period ([from, to) instants), and the one before it when comparing. */
  period(): { from?: string; to?: string };
  previousPeriod(): { from?: string; to?: string } | null;
}

const CUSTOM = "custom";

/**
 * The period in the URL's query (?from=&to=&compare=1, so a view can be shared; the read key
 * stays in the fragment and storage), defaulting to the last 30 UTC days.
 */
export function readPeriodChoice(win: Window, now: Date): PeriodChoice {
  const search = new URLSearchParams(win.location.search);
  const from = validDay(search.get("from"));
  const to = validDay(search.get("to"));
  if (from === null && to === null) return { ...presetDays("30d", now), compare: search.get("compare") === "1" };
  return { from: from ?? "", to: to ?? "", compare: search.get("compare") === "1" };
}

export function writePeriodChoice(win: Window, choice: PeriodChoice): void {
  const search = new URLSearchParams(win.location.search);
  search.set("from", choice.from);
  search.set("to", choice.to);
  if (choice.compare) search.set("compare", "1");
  else search.delete("compare");
  win.history.replaceState(win.history.state, "", `${win.location.pathname}?${search.toString()}${win.location.hash}`);
}

/** The top bar's period form: preset, custom days, comparison; `onApply` runs when it changes. */
export function periodBar(win: Window, now: () => Date, onApply: () => void): PeriodBar {
  const initial = readPeriodChoice(win, now());
  const preset = selectField(
    "period-preset",
    "Period",
    [...PRESETS.map((option) => ({ value: option.id, label: option.label })), { value: CUSTOM, label: "Custom" }],
    presetOf(initial.from, initial.to, now()) ?? CUSTOM,
  );
  const from = dateField("period-from", "From (UTC)");
  const to = dateField("period-to", "To (UTC, included)");
  from.input.value = initial.from;
  to.input.value = initial.to;
  const compare = h("input", { id: "period-compare", name: "period-compare", type: "checkbox", checked: initial.compare });
  const compareField = h("div", { class: "field check" }, compare, h("label", { for: "period-compare" }, "Compare with previous period"));
  const label = h("p", { class: "period-label", id: "period-label", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "period", "aria-label": "Period" },
    preset.field,
    from.field,
    to.field,
    compareField,
    h("button", { type: "submit", class: "secondary" }, "Apply"),
  );

  const choice = (): PeriodChoice => ({ from: from.input.value, to: to.input.value, compare: compare.checked });
  const showLabel = () => {
    const current = choice();
    const previous = current.compare && current.from && current.to ? previousDays(current.from, current.to) : null;
    label.textContent = `Showing ${describePeriod(current.from, current.to)}${previous ? `, compared with ${describePeriod(previous.from, previous.to)}` : ""}`;
  };
  const apply = () => {
    writePeriodChoice(win, choice());
    showLabel();
    onApply();
  };
  preset.select.addEventListener("change", () => {
    if (preset.select.value === CUSTOM) return;
    const days = presetDays(preset.select.value as PresetId, now());
    from.input.value = days.from;
    to.input.value = days.to;
    apply();
  });
  for (const input of [from.input, to.input])
    input.addEventListener("change", () => (preset.select.value = presetOf(from.input.value, to.input.value, now()) ?? CUSTOM));
  compare.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  writePeriodChoice(win, initial);
  showLabel();
  return {
    form,
    label,
    choice,
    period: () => periodOf(from.input.value, to.input.value),
    previousPeriod() {
      const current = choice();
      if (!current.compare || !current.from || !current.to) return null;
      const previous = previousDays(current.from, current.to);
      return periodOf(previous.from, previous.to);
    },
  };
}
