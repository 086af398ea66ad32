/**
 * A customer's traits: per key, the value of the latest identify that set it (by the identify's
 * time, ties by event id), whatever order the identifies arrived in. null is a value like any
 * other: an identify that sends `plan: null` clears the plan.
 */
import { sortEvents } from "../order.js";
import type { Properties } from "@touchpoint/protocol";
import type { JourneyEvent } from "../types.js";

export function mergeTraits(identifyEvents: readonly Pick<JourneyEvent, "id" | "timestamp" | "traits">[]): Properties {
  const traits: Properties = {};
  for (const event of sortEvents(identifyEvents)) {
    if (event.traits !== null) Object.assign(traits, event.traits);
  }
  return traits;
}
