/** Which person keys a streamPersons call covers, as exclusive bounds: every store reads persons the same way. */
import type { StreamPersonsOptions } from "./store.js";

/** Keys start with `a:` or `c:`, and `;` follows `:`. */
const KEY_RANGE = {
  customer: { above: "c:", below: "c;" },
  anonymous: { above: "a:", below: "a;" },
  any: { above: "", below: "d" },
} as const;

/** Person keys k with above < k < below, in byte order (the kinds differ in their first, ASCII, character). */
export function personKeyRange({ afterPersonKey, kind }: StreamPersonsOptions): { above: string; below: string } {
  const range = KEY_RANGE[kind ?? "any"];
  return { above: afterPersonKey !== undefined && afterPersonKey > range.above ? afterPersonKey : range.above, below: range.below };
}
