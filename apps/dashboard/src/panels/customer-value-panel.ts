import type { DashboardContext } from "../context.js";
import { renderCustomerValue } from "../views/customer-value-view.js";
import { selectField, textField } from "./controls.js";
import { spendForm } from "./spend-form.js";
import { createPanel, type Panel } from "./panel.js";

export function customerValuePanel(
  context: DashboardContext,
  days: () => { from: string; to: string },
  onSpendRecorded: () => void,
): Panel {
  const groupBy = selectField(
    "value-group-by",
    "By",
    [
      { value: "channel", label: "Channel" },
      { value: "campaign", label: "Campaign" },
      { value: "cohort", label: "Monthly cohort" },
      { value: "trait", label: "Trait" },
    ],
    "channel",
  );
  const trait = textField("value-trait", "Trait (when by trait)", "e.g. persona");
  return createPanel({
    id: "value",
    title: "Customer value and acquisition cost",
    intro:
      "Customers first acquired in the period, by where they came from: their value, CLTV, and once spend is recorded, cost, CAC, ROAS and payback.",
    controls: [groupBy.field, trait.field],
    extra: spendForm(
      days,
      (secretKey) => {
        onSpendRecorded();
        context.secretKey.set(secretKey);
      },
      context.fetch,
    ),
    onKeyRefused: context.keyRefused,
    filterNote: context.filterNote,
    async render() {
      const key = trait.input.value.trim() || "persona";
      const by = groupBy.select.value === "trait" ? `trait.${key}` : groupBy.select.value;
      const previousPeriod = context.previousPeriod();
      const [current, previous] = await Promise.all([
        context.api.customerValue({ ...context.period(), ...context.filters(), groupBy: by }),
        previousPeriod ? context.api.customerValue({ ...previousPeriod, ...context.filters(), groupBy: by }) : null,
      ]);
      if (current.groupBy === "channel" || current.groupBy === "campaign")
        context.offerKeys(
          current.groupBy,
          current.groups.map((group) => group.key),
        );
      return renderCustomerValue(current, previous, context.filtered());
    },
  });
}
