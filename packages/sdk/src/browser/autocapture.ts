import type { Properties } from "@touchpoint/protocol/types";
import { VIEW_DWELL_MS, VISIBLE_RATIO } from "../core/settings.js";
import type { CoreTracker } from "../types.js";

const PROP = "data-tp-prop-";

/** `data-tp-prop-campaign-id="w1"` becomes `{ campaign_id: "w1" }`. */
export function dataProperties(element: Element): Properties {
  const properties: Properties = {};
  for (const { name, value } of element.attributes) {
    if (name.startsWith(PROP)) properties[name.slice(PROP.length).replace(/-/g, "_")] = value;
  }
  return properties;
}

/**
 * Declarative capture: a click on (or inside) an element with `data-tp-event="banner_click"`
 * tracks that name; an element with `data-tp-view="catalog_view"` is tracked once when at least
 * half of it stays visible for a second. Both take `data-tp-prop-*` as properties. Elements added
 * later (single-page apps) are picked up as they appear.
 */
export function autocapture(tracker: CoreTracker): void {
  const fire = (element: Element, attribute: string) => tracker.track(element.getAttribute(attribute)!, dataProperties(element));
  document.addEventListener(
    "click",
    (event) => {
      const element = (event.target as Element).closest?.("[data-tp-event]");
      if (element) fire(element, "data-tp-event");
    },
    true,
  );
  if (typeof IntersectionObserver !== "function") return;
  const seen = new WeakSet<Element>();
  const timers = new WeakMap<Element, ReturnType<typeof setTimeout>>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const { target, isIntersecting, intersectionRatio } of entries) {
        clearTimeout(timers.get(target));
        // Layout rounding can report a ratio a hair under the threshold that triggered the callback.
        if (isIntersecting && intersectionRatio >= VISIBLE_RATIO - 0.01) {
          timers.set(
            target,
            setTimeout(() => {
              observer.unobserve(target);
              fire(target, "data-tp-view");
            }, VIEW_DWELL_MS),
          );
        }
      }
    },
    { threshold: VISIBLE_RATIO },
  );
  const scan = () =>
    document.querySelectorAll("[data-tp-view]").forEach((element) => {
      if (seen.has(element)) return;
      seen.add(element);
      observer.observe(element);
    });
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
}
