import { beforeAll, describe, expect, it } from "vitest";
import { setUrl } from "../testing/browser.js";
import { recordingTracker } from "../testing/recording-tracker.js";
import { trackPageviews } from "./pageviews.js";

const { tracker, calls } = recordingTracker();
const pages = () => calls.map((c) => c.url.replace("https://spa.example", ""));
/** Lets the page view deferred after a navigation, and happy-dom's history events, run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

beforeAll(() => {
  setUrl("https://spa.example/");
  trackPageviews(tracker);
});

describe("trackPageviews", () => {
  it("counts the page it starts on", () => {
    expect(pages()).toEqual(["/"]);
  });

  it("counts a pushState navigation once the router had a tick to set the title", async () => {
    history.pushState({}, "", "/catalog");
    expect(pages()).toEqual(["/"]);
    await settle();
    expect(pages()).toEqual(["/", "/catalog"]);
  });

  it("does not count the same URL twice: replaceState or pushState onto where the page is", async () => {
    history.replaceState({ scroll: 10 }, "", "/catalog");
    history.pushState({}, "", "/catalog");
    await settle();
    expect(pages()).toEqual(["/", "/catalog"]);
  });

  it("counts replaceState to a new URL, a hash change and going back, each once", async () => {
    history.replaceState({}, "", "/catalog?page=2");
    await settle();
    location.hash = "#reviews";
    await settle();
    // Going back fires popstate and hashchange: one page view.
    history.back();
    await settle();
    expect(pages()).toEqual(["/", "/catalog", "/catalog?page=2", "/catalog?page=2#reviews", "/catalog?page=2"]);
  });

  it('does not count a bare # (a link to href="#") as a new page', async () => {
    const before = pages().length;
    location.hash = "#";
    await settle();
    expect(pages().length).toBe(before);
  });

  it("counts a page restored from the back-forward cache", () => {
    const before = pages().length;
    window.dispatchEvent(Object.assign(new Event("pageshow"), { persisted: false }));
    window.dispatchEvent(Object.assign(new Event("pageshow"), { persisted: true }));
    expect(pages().length).toBe(before + 1);
  });
});
