import { CHANNELS } from "@touchpoint/journeys/channel-names";
import type { StageModelInfo } from "./api-types.js";
import { h } from "./dom.js";
import { selectField, setOptions, textField, type Option } from "./panels/controls.js";
import {
  describeSegment,
  isFiltered,
  NO_SEGMENT,
  parseTrait,
  readSegment,
  stageModelTitle,
  traitText,
  writeSegment,
  type Segment,
} from "./segment.js";

export interface FilterBar {
  element: HTMLElement;
  segment(): Segment;
  /** Adds the channels (explicit ones such as call_center) or campaigns a report named to the choices. */
  offerKeys(kind: "channel" | "campaign", keys: readonly string[]): void;
  /** The stage models the site's reports can be read through (GET /v1/site), offered in the Stages menu. */
  offerStageModels(models: readonly StageModelInfo[]): void;
}

/** ua-parser-js's device types with desktop, the collector's name for a browser without one. */
const DEVICE_TYPES = ["desktop", "mobile", "tablet", "smarttv", "console", "wearable", "xr", "embedded"];

/**
 * The filters above every panel: a channel, a campaign, a device type and one trait KEY=VALUE,
 * and the stage model the reports are read through, kept in the URL with the period
 * (`writeSegment`); `onApply` runs when they change.
 */
export function filterBar(win: Window, onApply: () => void): FilterBar {
  let segment = readSegment(new URLSearchParams(win.location.search));
  // The channels classifyChannel derives (GA4's default channel group), offered before any report named one.
  const channels = new Set<string>(CHANNELS);
  const channelValue = (segment: Segment) => segment.channels.join(",");
  const channelOptions = (): Option[] => {
    const chosen = channelValue(segment);
    const names = [...channels].sort();
    return [
      { value: "", label: "Any channel" },
      ...(chosen && !channels.has(chosen) ? [{ value: chosen, label: segment.channels.join(" or ") }] : []),
      ...names.map((name) => ({ value: name, label: name })),
    ];
  };
  const channel = selectField("filter-channel", "Channel", channelOptions(), channelValue(segment));
  const device = selectField(
    "filter-device",
    "Device type",
    [
      { value: "", label: "Any device" },
      ...(segment.deviceType && !DEVICE_TYPES.includes(segment.deviceType) ? [segment.deviceType] : []).map((name) => ({
        value: name,
        label: name,
      })),
      ...DEVICE_TYPES.map((name) => ({ value: name, label: name })),
    ],
    segment.deviceType,
  );
  // Until the site names its models, the one in the link (if any) is offered beside the site's own.
  const modelOption = (name: string, stages?: readonly string[]): Option => ({
    value: name === "site" ? "" : name,
    label: stages ? `${stageModelTitle(name)} (${stages.length} stages)` : stageModelTitle(name),
  });
  const model = selectField(
    "filter-stage-model",
    "Stages",
    [modelOption("site"), ...(segment.stageModel ? [modelOption(segment.stageModel)] : [])],
    segment.stageModel,
  );
  const campaign = textField("filter-campaign", "Campaign", "e.g. spring_sale");
  // Campaigns a report named, suggested as the user types (any campaign may still be typed).
  const campaigns = new Set<string>();
  const campaignList = h("datalist", { id: "filter-campaign-list" });
  campaign.input.setAttribute("list", campaignList.id);
  const trait = textField("filter-trait", "Trait", "e.g. persona=trail_runner", "KEY=VALUE, matched as text.");
  campaign.input.value = segment.campaign;
  trait.input.value = traitText(segment.trait);
  const state = h("p", { class: "filter-state", id: "filter-state", role: "status", "aria-live": "polite" });
  const clear = h("button", { type: "button", class: "ghost", id: "filter-clear" }, "Clear filters");
  const form = h(
    "form",
    { class: "filters-form", "aria-label": "Filters" },
    channel.field,
    campaign.field,
    device.field,
    trait.field,
    model.field,
    campaignList,
    h("button", { type: "submit", class: "secondary" }, "Apply filters"),
    clear,
  );
  const element = h("section", { class: "filters", id: "filters", "aria-label": "Filters for every panel" }, form, state);

  const show = (problem?: string) => {
    const filtered = isFiltered(segment);
    element.classList.toggle("on", filtered || segment.stageModel !== "");
    clear.hidden = !filtered && segment.stageModel === "";
    state.classList.toggle("error", problem !== undefined);
    const people = filtered
      ? `Filtered to people with ${describeSegment(segment)}. Every panel counts only them.`
      : "No filters: every panel counts everyone.";
    // Another model is worked out from the events for each answer, not read from the kept digests.
    const stages = segment.stageModel
      ? ` Stages of the ${stageModelTitle(segment.stageModel)} model, worked out from the events for each report: slower on a large site.`
      : "";
    state.textContent = problem ?? people + stages;
  };
  const write = () => {
    const search = new URLSearchParams(win.location.search);
    writeSegment(search, segment);
    win.history.replaceState(win.history.state, "", `${win.location.pathname}?${search.toString()}${win.location.hash}`);
  };
  const apply = (next: Segment) => {
    segment = next;
    write();
    show();
    onApply();
  };
  const submit = () => {
    const traitInput = trait.input.value.trim();
    const parsed = traitInput ? parseTrait(traitInput) : null;
    trait.input.setAttribute("aria-invalid", String(traitInput !== "" && parsed === null));
    if (traitInput && !parsed) return show(`The trait filter must read KEY=VALUE, e.g. persona=trail_runner (not "${traitInput}").`);
    const chosen = channel.select.value;
    apply({
      channels: chosen ? chosen.split(",") : [],
      campaign: campaign.input.value.trim(),
      deviceType: device.select.value,
      trait: parsed,
      stageModel: model.select.value,
    });
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  for (const select of [channel.select, device.select, model.select]) select.addEventListener("change", submit);
  clear.addEventListener("click", () => {
    channel.select.value = "";
    device.select.value = "";
    model.select.value = "";
    campaign.input.value = "";
    trait.input.value = "";
    trait.input.setAttribute("aria-invalid", "false");
    apply(NO_SEGMENT);
    channel.select.focus();
  });
  write();
  show();
  return {
    element,
    segment: () => segment,
    offerStageModels(models) {
      setOptions(
        model.select,
        models.map((listed) => modelOption(listed.name, listed.stages)),
        segment.stageModel,
      );
      // A link naming a model the site does not offer (or its own by a shipped name) reads the site's own.
      if (model.select.value !== segment.stageModel) apply({ ...segment, stageModel: model.select.value });
    },
    offerKeys(kind, keys) {
      // "(none)", "(not set)": what a report groups the rest under, not a name to filter by.
      const names = keys.filter((key) => !key.startsWith("("));
      const known = kind === "channel" ? channels : campaigns;
      const before = known.size;
      for (const name of names) known.add(name);
      if (known.size === before) return;
      if (kind === "channel") setOptions(channel.select, channelOptions());
      else campaignList.replaceChildren(...[...campaigns].sort().map((name) => h("option", { value: name })));
    },
  };
}
