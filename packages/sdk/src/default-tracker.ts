import type { CoreTracker } from "./types.js";

/** The first tracker created (by `init` or `createTracker`): the one the standalone functions call. */
export let defaultTracker: CoreTracker | undefined;

export function adoptDefault(tracker: CoreTracker): void {
  defaultTracker ??= tracker;
}
