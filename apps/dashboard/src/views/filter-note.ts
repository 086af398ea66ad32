import { h } from "../dom.js";

/** Why a filtered report prices nothing: the API leaves cost, ROAS and CAC null under a segment. */
export const SPEND_UNDER_FILTER = "Filtered: cost, ROAS and CAC stay empty, as spend is recorded for everyone and not per segment.";

export function spendUnderFilterNote(): HTMLParagraphElement {
  return h("p", { class: "filter-note spend-note" }, SPEND_UNDER_FILTER);
}
