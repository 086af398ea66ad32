import type { CustomerSummary } from "../api-types.js";
import type { DashboardContext } from "../context.js";
import { renderCustomers } from "../views/customers-view.js";
import { numberField, selectField, setOptions, stageOptions, textField, wholeNumber } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

/** The API's largest page: few requests even for thousands of stalled people. */
const FETCH_PAGE = 1000;
/** Enough for any list a person pages through; beyond it the panel says more exist. */
const MOST_LOADED = 20_000;

export interface StalledPanel extends Panel {
  /** Everyone whose furthest stage is `stage` now (stalled for more than 0 days), known or anonymous, in view. */
  showStage(stage: string, identified: boolean): Promise<void>;
}

export function stalledPanel(context: DashboardContext): StalledPanel {
  const stages = context.stages.get();
  const stage = selectField("stalled-stage", "Stage", stageOptions(stages), stages[1] ?? stages[0] ?? "");
  const who = selectField(
    "stalled-who",
    "Who",
    [
      { value: "true", label: "Identified customers" },
      { value: "false", label: "Anonymous visitors" },
    ],
    "true",
  );
  // 14 days, the funnel's "Stalled now" default: one definition of stalled on the page.
  const days = numberField("stalled-days", "Stalled for more than (days)", 14, 0, 3650);
  const traitKey = textField("stalled-trait-key", "Trait", "e.g. persona");
  const traitValue = textField("stalled-trait-value", "Trait value", "e.g. trail_runner");
  context.stages.subscribe((next) => setOptions(stage.select, stageOptions(next)));

  const panel = createPanel({
    id: "stalled",
    title: "Stalled customers",
    intro:
      "People whose current stage is the one chosen and who have not moved on for more than the given number of days, as of now (not limited to the period; when comparing, how many of them entered the stage in the period and in the one before). Open one to see the journey.",
    controls: [stage.field, who.field, days.field, traitKey.field, traitValue.field],
    onKeyRefused: context.keyRefused,
    filterNote: context.filterNote,
    async render() {
      const key = traitKey.input.value.trim();
      const identified = who.select.value;
      const customers: CustomerSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await context.api.customers({
          ...context.filters(),
          identified,
          stage: stage.select.value,
          stalledDays: wholeNumber(days.input, 14),
          traits: key ? { [key]: traitValue.input.value } : {},
          limit: FETCH_PAGE,
          cursor,
        });
        customers.push(...page.customers);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && customers.length < MOST_LOADED);
      const caption = identified === "false" ? "Anonymous visitors in the stage" : "Customers in the stage";
      const previous = context.previousPeriod();
      const periods = previous ? { current: context.period(), previous } : null;
      return renderCustomers(customers, context.now(), context.openJourney, caption, cursor === undefined, periods);
    },
  });
  const heading = panel.element.querySelector("h2");
  heading?.setAttribute("tabindex", "-1");
  return {
    ...panel,
    async showStage(name, identified) {
      stage.select.value = name;
      who.select.value = String(identified);
      days.input.value = "0";
      await panel.load();
      panel.element.scrollIntoView?.({ block: "start" });
      heading?.focus();
    },
  };
}
