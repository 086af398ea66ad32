import type { Properties } from "../api-types.js";
import { h } from "../dom.js";
import { formatValue } from "../format.js";

/** Key/value pairs as a compact list; values stay text whatever they contain. */
export function propertyList(properties: Properties): HTMLElement | string {
  const entries = Object.entries(properties);
  if (entries.length === 0) return "–";
  return h("dl", { class: "properties" }, ...entries.flatMap(([key, value]) => [h("dt", {}, key), h("dd", {}, formatValue(value))]));
}
