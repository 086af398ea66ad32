import type { CustomerSummary } from "../api-types.js";
import type { DashboardContext } from "../context.js";
import { h } from "../dom.js";
import { renderCustomers } from "../views/customers-view.js";
import { numberField, selectField, setOptions, stageOptions, textField, wholeNumber } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

const PAGE_SIZE = 50;

export function stalledPanel(context: DashboardContext): Panel {
  const stages = context.stages.get();
  const stage = selectField("stalled-stage", "Stage", stageOptions(stages), stages[1] ?? stages[0] ?? "");
  const days = numberField("stalled-days", "Stalled for more than (days)", 7, 0, 3650);
  const traitKey = textField("stalled-trait-key", "Trait", "e.g. persona");
  const traitValue = textField("stalled-trait-value", "Trait value", "e.g. trail_runner");
  context.stages.subscribe((next) => setOptions(stage.select, stageOptions(next)));

  function query(cursor?: string) {
    const key = traitKey.input.value.trim();
    return context.api.customers({
      stage: stage.select.value,
      stalledDays: wholeNumber(days.input, 7),
      traits: key ? { [key]: traitValue.input.value } : {},
      limit: PAGE_SIZE,
      cursor,
    });
  }

  return createPanel({
    id: "stalled",
    title: "Stalled customers",
    intro: "Customers whose current stage is the one chosen and who have not moved on for more than the given number of days. Open one to see the journey.",
    controls: [stage.field, days.field, traitKey.field, traitValue.field],
    onKeyRefused: context.keyRefused,
    async render() {
      const first = await query();
      const customers: CustomerSummary[] = [...first.customers];
      let cursor = first.nextCursor;
      const container = h("div", {});
      const more = h("button", { type: "button", class: "secondary" }, "Load more");
      const show = () => {
        container.replaceChildren(renderCustomers(customers, context.now(), context.openJourney), cursor ? more : "");
      };
      more.addEventListener("click", async () => {
        if (!cursor) return;
        more.disabled = true;
        try {
          const page = await query(cursor);
          customers.push(...page.customers);
          cursor = page.nextCursor;
          show();
        } finally {
          more.disabled = false;
        }
      });
      show();
      return container;
    },
  });
}
