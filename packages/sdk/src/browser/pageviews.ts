import type { CoreTracker } from "../types.js";

/**
 * A page view now and on every single-page-app navigation (pushState, replaceState, popstate,
 * hashchange), never twice in a row for the same URL: routers often replaceState the URL they are
 * on, and a hash change fires popstate and hashchange both.
 */
export function trackPageviews(tracker: CoreTracker): void {
  let last: string | undefined;
  const view = () => {
    if (location.href === last) return;
    last = location.href;
    tracker.page();
  };
  for (const method of ["pushState", "replaceState"] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History["pushState"]>) {
      original.apply(this, args);
      // Routers set the new title right after navigating: read it a tick later.
      setTimeout(view);
    };
  }
  addEventListener("popstate", view);
  addEventListener("hashchange", view);
  view();
}
