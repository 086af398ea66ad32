import type { Misusable } from "./browser/create-tracker.js";
import { at } from "./core/clock.js";

/** A call made before the tracker existed: method name, arguments, time in ms. */
export type QueuedCall = [method: string, args: unknown[], ms: number];

/** Replays early calls in order, each with the time it was made at. A method the tracker lacks is reported. */
export function replay(tracker: Misusable, calls: QueuedCall[]): void {
  for (const [method, args, ms] of calls) {
    const fn = (tracker as unknown as Record<string, unknown>)[method];
    if (typeof fn === "function") at(ms, () => fn(...args));
    else tracker.misuse(method);
  }
}
