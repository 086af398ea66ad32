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

/** Visibility steps at which the observer reports: every 5%, so that "half the viewport" of a tall element is seen within a step. */
const STEPS = Array.from({ length: 21 }, (_, i) => i / 20);

/**
 * Declarative capture: a click on (or inside) an element with `data-tp-event="banner_click"`
 * tracks that name; an element with `data-tp-view="catalog_view"` is tracked once when half of it,
 * or for an element bigger than the viewport an area of half the viewport, stays visible for a second.
 * Both take `data-tp-prop-*` as properties. Elements added later, and attributes set later on
 * elements already there (single-page apps), are picked up as they appear.
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
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const { target, isIntersecting, intersectionRect: seenPart, boundingClientRect: whole } of entries) {
        const area = (rect: { width: number; height: number }) => rect.width * rect.height;
        // Layout rounding can leave the visible part a hair under the step that triggered the callback.
        const visible = isIntersecting && area(seenPart) >= Math.min(area(whole), innerWidth * innerHeight) * (VISIBLE_RATIO - 0.01);
        if (!visible) {
          clearTimeout(timers.get(target));
          timers.delete(target);
        } else if (!timers.has(target)) {
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
    { threshold: STEPS },
  );
  const scan = () =>
    document.querySelectorAll("[data-tp-view]").forEach((element) => {
      if (seen.has(element)) return;
      seen.add(element);
      observer.observe(element);
    });
  new MutationObserver(scan).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-tp-view"],
  });
  scan();
}
