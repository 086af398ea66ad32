import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recordingTracker } from "../testing/recording-tracker.js";
import { autocapture, dataProperties } from "./autocapture.js";

/**
 * happy-dom lays nothing out, so its IntersectionObserver never reports: this stand-in lets a test
 * say how much of an element is visible. The real one is exercised in Chromium (tests/sdk-*.test.ts).
 */
class ControlledIntersectionObserver {
  static last: ControlledIntersectionObserver | undefined;
  observed = new Set<Element>();
  constructor(
    private readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit,
  ) {
    ControlledIntersectionObserver.last = this;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  show(element: Element, ratio: number) {
    const entry = { target: element, isIntersecting: ratio > 0, intersectionRatio: ratio } as IntersectionObserverEntry;
    this.callback([entry], this as unknown as IntersectionObserver);
  }
}

const io = () => ControlledIntersectionObserver.last!;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("IntersectionObserver", ControlledIntersectionObserver);
  document.body.innerHTML = `
    <a id="banner" href="#" data-tp-event="banner_click" data-tp-prop-campaign-id="winter-25" data-tp-prop-slot="hero">
      <img id="banner-image" alt="Winter sale">
    </a>
    <p id="plain">Nothing to track</p>
    <section id="catalog" data-tp-view="catalog_view" data-tp-prop-list="boots">…</section>`;
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe("autocapture", () => {
  it("tracks a click on, or inside, an element with data-tp-event, with its data-tp-prop-* properties", () => {
    const { tracker, calls } = recordingTracker();
    autocapture(tracker);
    document.getElementById("banner-image")!.click();
    document.getElementById("plain")!.click();
    expect(calls.map(({ method, name, properties }) => ({ method, name, properties }))).toEqual([
      { method: "track", name: "banner_click", properties: { campaign_id: "winter-25", slot: "hero" } },
    ]);
  });

  it("tracks a data-tp-view element once, after it stayed at least half visible for a second", async () => {
    const { tracker, calls } = recordingTracker();
    autocapture(tracker);
    const catalog = document.getElementById("catalog")!;
    expect(io().options).toEqual({ threshold: 0.5 });
    expect([...io().observed]).toEqual([catalog]);

    io().show(catalog, 0.3);
    await vi.advanceTimersByTimeAsync(5000);
    io().show(catalog, 0.6);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map(({ name, properties }) => ({ name, properties }))).toEqual([{ name: "catalog_view", properties: { list: "boots" } }]);
    expect(io().observed.size).toBe(0);
  });

  it("does not count an element scrolled past in under a second", async () => {
    const { tracker, calls } = recordingTracker();
    autocapture(tracker);
    const catalog = document.getElementById("catalog")!;
    io().show(catalog, 1);
    await vi.advanceTimersByTimeAsync(600);
    io().show(catalog, 0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual([]);
  });

  it("watches elements a single-page app adds later", async () => {
    const { tracker } = recordingTracker();
    autocapture(tracker);
    const review = document.createElement("article");
    review.setAttribute("data-tp-view", "review_read");
    document.body.append(review);
    await vi.advanceTimersByTimeAsync(0);
    expect(io().observed.has(review)).toBe(true);
  });

  it("still captures clicks where IntersectionObserver does not exist", () => {
    vi.stubGlobal("IntersectionObserver", undefined);
    const { tracker, calls } = recordingTracker();
    autocapture(tracker);
    document.getElementById("banner")!.click();
    expect(calls.map((c) => c.name)).toEqual(["banner_click"]);
  });
});

describe("dataProperties", () => {
  it("turns data-tp-prop-* attributes into snake_case string properties", () => {
    const element = document.createElement("div");
    element.setAttribute("data-tp-prop-order-total", "49.90");
    element.setAttribute("data-tp-event", "purchase");
    element.setAttribute("data-other", "x");
    expect(dataProperties(element)).toEqual({ order_total: "49.90" });
  });
});
