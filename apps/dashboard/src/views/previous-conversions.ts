import { h } from "../dom.js";
import { formatChange, formatCount } from "../format.js";

/** What a conversions summary adds when the period is compared: the previous period's count and the change. */
export function previousConversions(totalConversions: number, previous: { totalConversions: number } | null): HTMLElement | null {
  if (previous === null) return null;
  const change = formatChange(totalConversions, previous.totalConversions);
  return h("span", { class: "change" }, ` · previous period ${formatCount(previous.totalConversions)} conversions, ${change}`);
}
