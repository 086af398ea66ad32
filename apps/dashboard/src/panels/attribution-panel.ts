import { createSecretApiClient } from "../api-client.js";
import type { DashboardContext } from "../context.js";
import { h } from "../dom.js";
import { renderAttributionComparison } from "../views/attribution-comparison-view.js";
import { renderAttribution } from "../views/attribution-view.js";
import { spendUnderFilterNote } from "../views/filter-note.js";
import { renderSpendList } from "../views/spend-list-view.js";
import { numberField, selectField, setOptions, wholeNumber, type Option } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

const MODELS: Option[] = [
  { value: "linear", label: "Linear" },
  { value: "first_touch", label: "First touch" },
  { value: "last_touch", label: "Last touch" },
  { value: "last_non_direct", label: "Last non-direct" },
  { value: "time_decay", label: "Time decay" },
  { value: "position_based", label: "Position based (40/20/40)" },
  { value: "markov", label: "Markov chain (removal effect)" },
  { value: "shapley", label: "Shapley value" },
  { value: "fractribution", label: "Fractribution" },
];
const GROUP_BY: Option[] = [
  { value: "channel", label: "Channel" },
  { value: "touchpoint", label: "Touchpoint" },
  { value: "stage", label: "Stage" },
  { value: "campaign", label: "Campaign" },
];
const TRANSFORMS: Option[] = [
  { value: "", label: "None (every touch)" },
  { value: "exposure", label: "Exposure (collapse repeats)" },
  { value: "first", label: "First occurrence of each" },
  { value: "frequency", label: "Frequency" },
];

/** The spend behind cost, ROAS and CAC, listed with the secret key when the page holds it. */
async function spendList(context: DashboardContext): Promise<HTMLElement> {
  const key = context.secretKey.get();
  if (!key)
    return h(
      "p",
      { class: "hint spend-list" },
      "Recorded spend is listed with the site's secret key: enter it in Automation rules or Record spend.",
    );
  try {
    return renderSpendList(await createSecretApiClient(key, context.fetch).spend());
  } catch (error) {
    return h("p", { class: "status error spend-list" }, `Recorded spend: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The purchase, or entering any stage after the first: every stage transition can be attributed. */
function conversionOptions(stages: readonly string[]): Option[] {
  return [
    { value: "purchase", label: "Purchase" },
    ...stages.slice(1).map((stage) => ({ value: `stage:${stage}`, label: `Entering ${stage}` })),
  ];
}

export function attributionPanel(context: DashboardContext): Panel {
  const model = selectField("attribution-model", "Model", MODELS, "linear");
  const compareWith = selectField("attribution-compare", "Compare with", [{ value: "", label: "No other model" }, ...MODELS], "");
  const groupBy = selectField("attribution-group-by", "Credit by", GROUP_BY, "channel");
  const conversion = selectField("attribution-conversion", "Conversion", conversionOptions(context.stages.get()), "purchase");
  const transform = selectField("attribution-transform", "Path transform", TRANSFORMS, "");
  const lookback = numberField("attribution-lookback", "Lookback (days)", 30, 1, 3650);
  const halfLife = numberField("attribution-half-life", "Half-life (days)", 7, 1, 365, "Time decay only.");
  const syncHalfLife = () => (halfLife.input.disabled = model.select.value !== "time_decay" && compareWith.select.value !== "time_decay");
  syncHalfLife();
  model.select.addEventListener("change", syncHalfLife);
  compareWith.select.addEventListener("change", syncHalfLife);
  const labelOf = (value: string) => MODELS.find((option) => option.value === value)?.label ?? value;
  context.stages.subscribe((stages) => setOptions(conversion.select, conversionOptions(stages)));
  return createPanel({
    id: "attribution",
    title: "Attribution",
    intro: "Which touchpoints and channels earn the credit for a conversion, under the model you choose.",
    controls: [model.field, compareWith.field, groupBy.field, conversion.field, transform.field, lookback.field, halfLife.field],
    onKeyRefused: context.keyRefused,
    filterNote: context.filterNote,
    async render() {
      const query = {
        ...context.period(),
        ...context.filters(),
        groupBy: groupBy.select.value,
        conversion: conversion.select.value,
        transform: transform.select.value || undefined,
        lookbackDays: wholeNumber(lookback.input, 30),
        halfLifeDays: halfLife.input.disabled ? undefined : wholeNumber(halfLife.input, 7),
      };
      const note = context.filtered() ? spendUnderFilterNote() : null;
      const other = compareWith.select.value;
      const previousPeriod = context.previousPeriod();
      if (other && other !== model.select.value) {
        const models = [model.select.value, other];
        const [comparison, previous, spend] = await Promise.all([
          context.api.attributionComparison({ ...query, models }),
          previousPeriod ? context.api.attributionComparison({ ...query, ...previousPeriod, models }) : null,
          spendList(context),
        ]);
        return h("div", {}, note, renderAttributionComparison(comparison, labelOf, context.site()?.currency ?? null, previous), spend);
      }
      const [current, previous, spend] = await Promise.all([
        context.api.attribution({ ...query, model: model.select.value }),
        previousPeriod ? context.api.attribution({ ...query, ...previousPeriod, model: model.select.value }) : null,
        spendList(context),
      ]);
      if (current.groupBy === "channel" || current.groupBy === "campaign")
        context.offerKeys(
          current.groupBy,
          current.credits.map((credit) => credit.key),
        );
      return h("div", {}, note, renderAttribution(current, previous, context.site()?.currency ?? null), spend);
    },
  });
}
