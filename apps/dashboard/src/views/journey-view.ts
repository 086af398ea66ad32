import type { Journey } from "../api-types.js";
import { automationRuleOf, isOffline, journeyChart, touchpointLabel } from "../charts/journey-chart.js";
import { h } from "../dom.js";
import { formatCount, formatMoney, formatTime, singleCurrency } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";
import { propertyList } from "./property-list.js";

function facts(journey: Journey): HTMLElement {
  const fact = (label: string, content: Node | string) => h("div", { class: "fact" }, h("dt", {}, label), h("dd", {}, content));
  return h(
    "dl",
    { class: "facts" },
    fact("Current stage", journey.currentStage ?? "–"),
    fact("Touchpoints", formatCount(journey.touchpoints.length)),
    fact("Sessions", formatCount(journey.sessions.length)),
    fact("Conversions", formatCount(journey.conversions.length)),
    fact(
      "Lifetime value",
      formatMoney(journey.lifetimeValue, singleCurrency(journey.conversions.map((conversion) => conversion.currency))),
    ),
    fact("Devices (anonymous ids)", formatCount(journey.anonymousIds.length)),
    fact("First seen (UTC)", formatTime(journey.firstSeen)),
    fact("Last seen (UTC)", formatTime(journey.lastSeen)),
  );
}

/** Stage entries in the order they happened (a person may skip ahead and fill in later). */
function stageEntries(journey: Journey): HTMLElement {
  const entries = [...journey.stages].sort((a, b) => Date.parse(a.enteredAt) - Date.parse(b.enteredAt));
  return h(
    "ol",
    { class: "stage-steps", "aria-label": "Stage entries in time order (UTC)" },
    ...entries.map((entry) =>
      h(
        "li",
        { class: entry.stage === journey.currentStage ? "current" : null },
        h("span", { class: "step-name" }, entry.stage),
        h("span", { class: "step-time" }, formatTime(entry.enteredAt)),
      ),
    ),
  );
}

/** One person's journey: facts, stage entries, the timeline chart, sessions and every touchpoint. */
export function renderJourney(journey: Journey, stageOrder: readonly string[]): HTMLElement {
  const who = journey.customerId ?? journey.anonymousIds[0] ?? "unknown visitor";
  const heading = h(
    "h3",
    { class: "journey-title" },
    journey.customerId ? "Customer " : "Anonymous visitor ",
    h("span", { class: "identity" }, who),
  );
  if (journey.touchpoints.length === 0) return h("article", { class: "journey" }, heading, emptyState("No touchpoints yet."));
  return h(
    "article",
    { class: "journey" },
    heading,
    facts(journey),
    Object.keys(journey.traits).length > 0 ? h("div", { class: "traits" }, h("h4", {}, "Traits"), propertyList(journey.traits)) : null,
    stageEntries(journey),
    h(
      "div",
      { class: "chart-scroll", tabindex: 0, role: "region", "aria-label": "Journey timeline (scrolls sideways)" },
      journeyChart(journey, stageOrder),
    ),
    h(
      "p",
      { class: "legend" },
      "Bands: sessions, labelled with their channel. Filled dots: touchpoints; hollow: page views; squares: offline touchpoints; triangles: automation touchpoints; diamonds: stage entries. The line follows the furthest stage reached; times in UTC.",
    ),
    dataTable(
      "Sessions",
      [{ label: "Started (UTC)" }, { label: "Channel" }, { label: "Touchpoints", numeric: true }, { label: "Landing page" }],
      journey.sessions.map((session) => [
        formatTime(session.startedAt),
        session.channel,
        formatCount(session.touchpoints),
        session.landingUrl ?? "–",
      ]),
    ),
    dataTable(
      "Touchpoints in time order",
      [
        { label: "#", numeric: true },
        { label: "Time (UTC)" },
        { label: "Touchpoint" },
        { label: "Stage" },
        { label: "Channel" },
        { label: "Properties" },
        { label: "Page or source" },
      ],
      journey.touchpoints.map((touchpoint, index) => [
        String(index + 1),
        formatTime(touchpoint.timestamp),
        touchpoint.name,
        touchpoint.stage ?? "–",
        touchpoint.channel,
        propertyList(touchpoint.properties),
        touchpoint.type === "page"
          ? touchpointLabel(touchpoint)
          : automationRuleOf(touchpoint) !== null
            ? `automation (${automationRuleOf(touchpoint)})`
            : isOffline(touchpoint)
              ? `offline (${touchpoint.context.channel})`
              : (touchpoint.context.path ?? "–"),
      ]),
    ),
  );
}
