import type { DashboardContext } from "../context.js";
import { renderPaths } from "../views/paths-view.js";
import { numberField, selectField, wholeNumber } from "./controls.js";
import { createPanel, type Panel } from "./panel.js";

export function pathsPanel(context: DashboardContext): Panel {
  const groupBy = selectField(
    "paths-group-by",
    "Steps are",
    [
      { value: "channel", label: "Channels" },
      { value: "touchpoint", label: "Touchpoints" },
      { value: "campaign", label: "Campaigns" },
    ],
    "channel",
  );
  const transform = selectField(
    "paths-transform",
    "Repeats",
    [
      { value: "exposure", label: "Collapse repeats (email, email → email)" },
      { value: "", label: "Keep every touch" },
    ],
    "exposure",
  );
  const limit = numberField("paths-limit", "Top paths", 10, 1, 100);
  const lookback = numberField("paths-lookback", "Lookback (days)", 30, 1, 3650);
  return createPanel({
    id: "paths",
    title: "Conversion paths",
    intro: "The sequences of touches that led to a purchase in the period, most common first, and how long paths are.",
    controls: [groupBy.field, transform.field, limit.field, lookback.field],
    onKeyRefused: context.keyRefused,
    filterNote: context.filterNote,
    async render() {
      const query = {
        ...context.filters(),
        conversion: "purchase",
        groupBy: groupBy.select.value,
        transform: transform.select.value || undefined,
        limit: wholeNumber(limit.input, 10),
        lookbackDays: wholeNumber(lookback.input, 30),
      };
      const previousPeriod = context.previousPeriod();
      const [current, previous] = await Promise.all([
        context.api.paths({ ...context.period(), ...query }),
        previousPeriod ? context.api.paths({ ...previousPeriod, ...query }) : null,
      ]);
      if (current.groupBy === "channel" || current.groupBy === "campaign")
        context.offerKeys(current.groupBy, [...new Set(current.paths.flatMap((path) => path.path))]);
      return renderPaths(current, previous);
    },
  });
}
