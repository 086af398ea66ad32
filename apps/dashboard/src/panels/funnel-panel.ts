import type { DashboardContext } from "../context.js";
import { renderFunnel } from "../views/funnel-view.js";
import { selectField, textField } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

export function funnelPanel(context: DashboardContext): Panel {
  const split = selectField(
    "funnel-split",
    "Split",
    [
      { value: "trait", label: "By the trait, if given" },
      { value: "identified", label: "Identified vs anonymous" },
      { value: "deviceType", label: "By device type" },
      { value: "channel", label: "By first channel" },
      { value: "campaign", label: "By first campaign" },
    ],
    "trait",
  );
  const trait = textField("funnel-trait", "Split by trait", "e.g. persona", "Optional: one funnel per value of this trait.");
  return createPanel({
    id: "funnel",
    title: "Funnel by stage",
    intro:
      "People (identified customers and anonymous visitors) who reached each stage in the period, the share who came from the stage before, how long they took to move on, and who is stalled there now. Split by first channel or campaign, each person counts under their first touch's.",
    controls: [split.field, trait.field],
    onKeyRefused: context.keyRefused,
    filterNote: context.filterNote,
    async render() {
      const key = trait.input.value.trim();
      const chosen = split.select.value;
      const groupBy = chosen !== "trait" ? chosen : key ? `trait.${key}` : undefined;
      const previousPeriod = context.previousPeriod();
      const filters = context.filters();
      const [response, previous] = await Promise.all([
        context.api.funnel({ ...context.period(), ...filters, groupBy }),
        previousPeriod ? context.api.funnel({ ...previousPeriod, ...filters, groupBy }) : null,
      ]);
      const stages = "groups" in response ? response.groups[0]?.stages : response.stages;
      // An answer for a stage model since left (a slow one built from events) must not set the menus.
      if (stages && context.filters().stageModel === filters.stageModel) context.stages.set(stages.map((stage) => stage.stage));
      return renderFunnel(response, previous, context.showPeopleAt);
    },
  });
}
