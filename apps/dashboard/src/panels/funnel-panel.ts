import type { DashboardContext } from "../context.js";
import { renderFunnel } from "../views/funnel-view.js";
import { textField } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

export function funnelPanel(context: DashboardContext): Panel {
  const trait = textField("funnel-trait", "Split by trait", "e.g. persona", "Optional: one funnel per value of this trait.");
  return createPanel({
    id: "funnel",
    title: "Funnel by stage",
    intro: "Customers who reached each stage, the share who came from the stage before, how long they took to move on, and who is stalled there now.",
    controls: [trait.field],
    onKeyRefused: context.keyRefused,
    async render() {
      const key = trait.input.value.trim();
      const response = await context.api.funnel({ ...context.period(), groupBy: key ? `trait.${key}` : undefined });
      const stages = "groups" in response ? response.groups[0]?.stages : response.stages;
      if (stages) context.stages.set(stages.map((stage) => stage.stage));
      return renderFunnel(response);
    },
  });
}
