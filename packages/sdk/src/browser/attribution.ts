import { CLICK_ID_PARAMS, UTM_FIELDS } from "@touchpoint/protocol/names";
import type { ClickIds, Utm } from "@touchpoint/protocol/types";

export interface Attribution {
  utm?: Utm;
  clickId?: ClickIds;
}

/** The campaign a landing URL carries: its utm_* parameters and ad click ids, cut to the protocol's lengths. */
export function readAttribution(search: string): Attribution {
  const params = new URLSearchParams(search);
  const pick = (names: readonly string[], prefix: string, max: number) => {
    let found: Record<string, string> | undefined;
    for (const name of names) {
      const value = params.get(prefix + name);
      if (value) (found ??= {})[name] = value.slice(0, max);
    }
    return found;
  };
  return { utm: pick(UTM_FIELDS, "utm_", 256), clickId: pick(CLICK_ID_PARAMS, "", 512) };
}
