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
  /** `ratio` of an element `height` pixels tall and as wide as the viewport (1024 x 768 in happy-dom) is visible. */
  show(element: Element, ratio: number, height = 100) {
    const entry = {
      target: element,
      isIntersecting: ratio > 0,
      intersectionRatio: ratio,
      intersectionRect: { width: innerWidth, height: ratio * height },
      boundingClientRect: { width: innerWidth, height },
    } as IntersectionObserverEntry;
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
    expect(io().options).toEqual({ threshold: Array.from({ length: 21 }, (_, i) => i / 20) });
    expect([...io().observed]).toEqual([catalog]);

    io().show(catalog, 0.3);
    await vi.advanceTimersByTimeAsync(5000);
    io().show(catalog, 0.6);
    await vi.advanceTimersByTimeAsync(500);
    // Scrolling on while it stays visible does not restart the second.
    io().show(catalog, 0.9);
    await vi.advanceTimersByTimeAsync(499);
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

  it("counts an element taller than the viewport once half the viewport shows it", async () => {
    const { tracker, calls } = recordingTracker();
    autocapture(tracker);
    const catalog = document.getElementById("catalog")!;
    // 3,000 px tall: 370 px visible is under half of the 768 px viewport, 390 px is over.
    io().show(catalog, 370 / 3000, 3000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toEqual([]);
    io().show(catalog, 390 / 3000, 3000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((c) => c.name)).toEqual(["catalog_view"]);
  });

  it("watches data-tp-view set later on an element already on the page", async () => {
    const { tracker } = recordingTracker();
    autocapture(tracker);
    const plain = document.getElementById("plain")!;
    plain.setAttribute("data-tp-view", "review_read");
    await vi.advanceTimersByTimeAsync(0);
    expect(io().observed.has(plain)).toBe(true);
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
