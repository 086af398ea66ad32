import type { FunnelGroup, FunnelResponse, FunnelStage, GroupedFunnelResponse } from "../api-types.js";
import { funnelChart } from "../charts/funnel-chart.js";
import { h } from "../dom.js";
import { formatChange, formatCount, formatDays, formatPointChange, formatShare } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";

/** What each funnel column counts; the same words on hover and in the definitions below the table. */
export const FUNNEL_DEFINITIONS = {
  people:
    "Identified customers and still-anonymous visitors who reached the stage in the period. Reaching a later stage counts as reaching this one, so no stage has more people than the one before.",
  fromPrevious: "Of the people who reached the previous stage, the share who reached this one.",
  fromPreviousChange: "How much the share from the previous stage moved against the comparison period, in percentage points.",
  dropOff: "Of the people who reached the previous stage, the share who did not reach this one.",
  medianDays: "Median days from entering this stage to entering the next, over those who went on.",
  p90Days: "90th percentile of the days from entering this stage to entering the next.",
  stalled: "People whose furthest stage is this one, entered more than 14 days ago (as of now).",
  whoStopped: "Lists the people whose furthest stage is this one now, with the filters applied: who dropped off here.",
} as const;

/** Why the purchase stage and the attributed purchases differ: they count different things. */
export const PURCHASE_NOTE =
  "The purchase stage counts people whose touchpoints reached that stage (the stage model may place add_to_cart or checkout there); attribution counts purchase events, so a person who bought twice is two conversions.";

/** Lists the people whose furthest stage is this one now: who stopped there. */
export type OnStage = (stage: string, identified: boolean) => void;

/** Buttons listing the customers and the anonymous visitors whose furthest stage is this one now. */
function whoIsHere(stage: string, onStage: OnStage): HTMLElement {
  const list = (identified: boolean, text: string, who: string) => {
    const button = h("button", { type: "button", class: "link-button", "aria-label": `List the ${who} at ${stage} now` }, text);
    button.addEventListener("click", () => onStage(stage, identified));
    return button;
  };
  return h("span", { class: "who-here" }, list(true, "Customers", "identified customers"), list(false, "Visitors", "anonymous visitors"));
}

function funnelTable(stages: FunnelStage[], previous: FunnelStage[] | null, onStage?: OnStage): HTMLElement {
  const stageBefore = (stage: FunnelStage) => previous?.find((candidate) => candidate.stage === stage.stage);
  const before = (stage: FunnelStage) => stageBefore(stage)?.customers;
  return dataTable(
    "Funnel by stage",
    [
      { label: "Stage" },
      { label: "People", numeric: true, definition: FUNNEL_DEFINITIONS.people },
      ...(previous
        ? [
            { label: "Previous period", numeric: true },
            { label: "Change", numeric: true },
          ]
        : []),
      { label: "From previous", numeric: true, definition: FUNNEL_DEFINITIONS.fromPrevious },
      ...(previous ? [{ label: "From previous, change", numeric: true, definition: FUNNEL_DEFINITIONS.fromPreviousChange }] : []),
      { label: "Drop-off", numeric: true, definition: FUNNEL_DEFINITIONS.dropOff },
      { label: "Median days to next", numeric: true, definition: FUNNEL_DEFINITIONS.medianDays },
      { label: "P90 days to next", numeric: true, definition: FUNNEL_DEFINITIONS.p90Days },
      { label: "Stalled now", numeric: true, definition: FUNNEL_DEFINITIONS.stalled },
      ...(onStage ? [{ label: "Stopped here", definition: FUNNEL_DEFINITIONS.whoStopped, controls: true }] : []),
    ],
    stages.map((stage) => [
      stage.stage,
      formatCount(stage.customers),
      ...(previous ? [before(stage) === undefined ? "–" : formatCount(before(stage)!), formatChange(stage.customers, before(stage))] : []),
      formatShare(stage.conversionFromPrevious),
      ...(previous ? [formatPointChange(stage.conversionFromPrevious, stageBefore(stage)?.conversionFromPrevious)] : []),
      formatShare(stage.dropOff),
      formatDays(stage.medianDaysToNext),
      formatDays(stage.p90DaysToNext),
      formatCount(stage.stalled),
      ...(onStage ? [whoIsHere(stage.stage, onStage)] : []),
    ]),
  );
}

function definitions(): HTMLElement {
  const entry = (term: string, text: string) => [h("dt", {}, term), h("dd", {}, text)];
  return h(
    "details",
    { class: "definitions" },
    h("summary", {}, "What these numbers mean"),
    h(
      "dl",
      {},
      ...entry("People", FUNNEL_DEFINITIONS.people),
      ...entry("From previous", FUNNEL_DEFINITIONS.fromPrevious),
      ...entry("Drop-off", FUNNEL_DEFINITIONS.dropOff),
      ...entry("Median / P90 days to next", `${FUNNEL_DEFINITIONS.medianDays} ${FUNNEL_DEFINITIONS.p90Days}`),
      ...entry("Stalled now", FUNNEL_DEFINITIONS.stalled),
      ...entry("Purchase stage vs. purchases", PURCHASE_NOTE),
    ),
  );
}

/**
 * The stage x group matrix teams follow (e.g. six stages x three personas): customers in each
 * cell with the conversion from the stage before; with the previous period, each group's change
 * in customers beside it (from 0 for a group the previous period lacked).
 */
function groupMatrix(groups: FunnelGroup[], previous: FunnelGroup[] | null): HTMLElement {
  const stageNames = groups[0]?.stages.map((stage) => stage.stage) ?? [];
  const customersBefore = (group: FunnelGroup, name: string) =>
    previous?.find((candidate) => candidate.key === group.key)?.stages.find((stage) => stage.stage === name)?.customers ?? 0;
  return dataTable(
    "Customers per stage and group (conversion from the previous stage)",
    [
      { label: "Stage" },
      ...groups.flatMap((group) => [
        { label: group.key, numeric: true },
        ...(previous ? [{ label: `${group.key}: change`, numeric: true }] : []),
      ]),
    ],
    stageNames.map((name) => [
      name,
      ...groups.flatMap((group) => {
        const stage = group.stages.find((candidate) => candidate.stage === name);
        const cell = !stage
          ? "–"
          : stage.conversionFromPrevious === null
            ? formatCount(stage.customers)
            : `${formatCount(stage.customers)} · ${formatShare(stage.conversionFromPrevious)}`;
        return previous ? [cell, stage ? formatChange(stage.customers, customersBefore(group, name)) : "–"] : [cell];
      }),
    ]),
  );
}

const hasCustomers = (stages: FunnelStage[]) => stages.some((stage) => stage.customers > 0);

/** The funnel by stage, or one funnel per group and their matrix when grouped by a trait. */
export function renderFunnel(
  response: FunnelResponse | GroupedFunnelResponse,
  previous: FunnelResponse | GroupedFunnelResponse | null = null,
  onStage?: OnStage,
): HTMLElement {
  if ("groups" in response) {
    if (response.groups.length === 0) return emptyState("No one to split in this period.");
    return h(
      "div",
      {},
      h(
        "div",
        { class: "funnel-groups" },
        ...response.groups.map((group) =>
          h(
            "section",
            { class: "funnel-group" },
            h("h3", {}, group.key),
            hasCustomers(group.stages)
              ? funnelChart(group.stages, `Funnel of ${group.key}: customers per stage`)
              : emptyState("No customers."),
          ),
        ),
      ),
      groupMatrix(response.groups, previous && "groups" in previous ? previous.groups : null),
      definitions(),
    );
  }
  if (!hasCustomers(response.stages)) return emptyState("No customers reached any stage in this period.");
  return h(
    "div",
    { class: "funnel" },
    funnelChart(response.stages, "Funnel: people per stage"),
    funnelTable(response.stages, previous && "stages" in previous ? previous.stages : null, onStage),
    definitions(),
  );
}
