import type { CoreTracker } from "../types.js";

/**
 * A page view now, on every single-page-app navigation (pushState, replaceState, popstate,
 * hashchange) and when the page comes back from the back-forward cache (pageshow with persisted:
 * no load, yet a new view). Never twice in a row for the same URL: routers often replaceState the
 * URL they are on, and a hash change fires popstate and hashchange both. A bare "#" (the link
 * `<a href="#">`) is the same URL.
 */
export function trackPageviews(tracker: CoreTracker): void {
  let last: string | undefined;
  const view = () => {
    const href = location.href.replace(/#$/, "");
    if (href === last) return;
    last = href;
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
  addEventListener("pageshow", (event) => {
    if (event.persisted) {
      last = undefined;
      view();
    }
  });
  view();
}
