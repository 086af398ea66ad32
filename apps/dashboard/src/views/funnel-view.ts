import type { FunnelGroup, FunnelResponse, FunnelStage, GroupedFunnelResponse } from "../api-types.js";
import { funnelChart } from "../charts/funnel-chart.js";
import { h } from "../dom.js";
import { formatCount, formatDays, formatShare } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";

function funnelTable(stages: FunnelStage[]): HTMLElement {
  return dataTable(
    "Funnel by stage",
    [
      { label: "Stage" },
      { label: "Customers", numeric: true },
      { label: "From previous", numeric: true },
      { label: "Drop-off", numeric: true },
      { label: "Median days to next", numeric: true },
      { label: "P90 days to next", numeric: true },
      { label: "Stalled now", numeric: true },
    ],
    stages.map((stage) => [
      stage.stage,
      formatCount(stage.customers),
      formatShare(stage.conversionFromPrevious),
      formatShare(stage.dropOff),
      formatDays(stage.medianDaysToNext),
      formatDays(stage.p90DaysToNext),
      formatCount(stage.stalled),
    ]),
  );
}

/**
 * The stage x group matrix teams follow (e.g. six stages x three personas): customers in each
 * cell with the conversion from the stage before.
 */
function groupMatrix(groups: FunnelGroup[]): HTMLElement {
  const stageNames = groups[0]?.stages.map((stage) => stage.stage) ?? [];
  return dataTable(
    "Customers per stage and group (conversion from the previous stage)",
    [{ label: "Stage" }, ...groups.map((group) => ({ label: group.key, numeric: true }))],
    stageNames.map((name) => [
      name,
      ...groups.map((group) => {
        const stage = group.stages.find((candidate) => candidate.stage === name);
        if (!stage) return "–";
        return stage.conversionFromPrevious === null ? formatCount(stage.customers) : `${formatCount(stage.customers)} · ${formatShare(stage.conversionFromPrevious)}`;
      }),
    ]),
  );
}

const hasCustomers = (stages: FunnelStage[]) => stages.some((stage) => stage.customers > 0);

/** The funnel by stage, or one funnel per group and their matrix when grouped by a trait. */
export function renderFunnel(response: FunnelResponse | GroupedFunnelResponse): HTMLElement {
  if ("groups" in response) {
    if (response.groups.length === 0) return emptyState("No customers have this trait.");
    return h(
      "div",
      {},
      h(
        "div",
        { class: "funnel-groups" },
        ...response.groups.map((group) =>
          h("section", { class: "funnel-group" }, h("h3", {}, group.key), hasCustomers(group.stages) ? funnelChart(group.stages, `Funnel of ${group.key}: customers per stage`) : emptyState("No customers.")),
        ),
      ),
      groupMatrix(response.groups),
    );
  }
  if (!hasCustomers(response.stages)) return emptyState("No customers reached any stage in this period.");
  return h("div", { class: "funnel" }, funnelChart(response.stages, "Funnel: customers per stage"), funnelTable(response.stages));
}
