import type { DashboardContext } from "../context.js";
import { renderMomentsOfTruth } from "../views/moments-view.js";
import { numberField, selectField, setOptions, stageOptions, wholeNumber } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

export function momentsPanel(context: DashboardContext): Panel {
  const stages = context.stages.get();
  // Evaluation, where the default model's customers decide, is the most telling start.
  const stage = selectField("moments-stage", "Stage", stageOptions(stages), stages[2] ?? stages[0] ?? "");
  const within = numberField("moments-within", "Advanced within (days)", 7, 1, 365);
  context.stages.subscribe((next) => setOptions(stage.select, stageOptions(next)));
  return createPanel({
    id: "moments",
    title: "Moments of truth",
    intro:
      "For each touchpoint seen in a stage during the period: how many customers had it, and the share who advanced or went quiet afterwards.",
    controls: [stage.field, within.field],
    onKeyRefused: context.keyRefused,
    filterNote: context.filterNote,
    async render() {
      const query = { ...context.filters(), stage: stage.select.value, withinDays: wholeNumber(within.input, 7) };
      const previousPeriod = context.previousPeriod();
      const [current, previous] = await Promise.all([
        context.api.momentsOfTruth({ ...context.period(), ...query }),
        previousPeriod ? context.api.momentsOfTruth({ ...previousPeriod, ...query }) : null,
      ]);
      return renderMomentsOfTruth(current, previous);
    },
  });
}
