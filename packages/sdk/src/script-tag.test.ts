import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { snippet } from "./snippet.js";
import { clearDeviceStorage, setUrl, stubNetwork } from "./testing/browser.js";
import type { Tracker } from "./types.js";

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const global = window as unknown as { touchpoint?: Tracker & { q?: unknown[] } };

/** Loads dist's entry the way the browser runs the script tag: a fresh module each time. */
const loadScriptTag = async () => {
  vi.resetModules();
  await import("./script-tag.js");
};
const runSnippet = (html: string) => new Function(html.slice("<script>".length, -"</script>".length))();

let network: ReturnType<typeof stubNetwork>;
const sent = () => network.collector.deliveries.flatMap((d) => d.envelope.events);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  clearDeviceStorage();
  setUrl("https://shop.example/");
  network = stubNetwork();
});
afterEach(() => {
  delete global.touchpoint;
  document.head.innerHTML = "";
  vi.useRealTimers();
  clearDeviceStorage();
});

describe("the script tag", () => {
  it("replays the snippet's queue in order with the original times, before the first page view", async () => {
    runSnippet(snippet("tp_pub_test", "https://collector.example"));
    global.touchpoint!.bannerClick({ slot: "hero" });
    vi.setSystemTime(T0 + 5000);
    global.touchpoint!.identify("cust-1");
    global.touchpoint!.track("chatbot_question", { topic: "returns" });
    vi.setSystemTime(T0 + 9000);
    await loadScriptTag();
    expect("q" in global.touchpoint!).toBe(false);
    await global.touchpoint!.flush();
    expect(network.fetches.map((f) => f.url)).toEqual(["https://collector.example/v1/batch"]);
    expect(sent().map((e) => [e.type, "name" in e ? e.name : undefined, e.customerId, e.timestamp])).toEqual([
      ["touchpoint", "banner_click", undefined, "2026-03-01T08:00:00.000Z"],
      ["identify", undefined, "cust-1", "2026-03-01T08:00:05.000Z"],
      ["touchpoint", "chatbot_question", "cust-1", "2026-03-01T08:00:05.000Z"],
      ["page", undefined, "cust-1", "2026-03-01T08:00:09.000Z"],
    ]);
  });

  it("takes the endpoint from its own src without data-endpoint, and data-consent", async () => {
    document.head.innerHTML = `<script async src="https://collector.example/sdk/touchpoint.js" data-write-key="tp_pub_test" data-consent="pending"></script>`;
    await loadScriptTag();
    await vi.advanceTimersByTimeAsync(5000);
    expect(network.fetches).toEqual([]);
    global.touchpoint!.consent("granted");
    await global.touchpoint!.flush();
    expect(network.fetches.map((f) => f.url)).toEqual(["https://collector.example/v1/batch"]);
    expect(sent().map((e) => e.type)).toEqual(["page"]);
  });

  it("leaves the tracker alone when the script is loaded twice", async () => {
    document.head.innerHTML = `<script src="https://collector.example/sdk/touchpoint.js" data-write-key="tp_pub_test"></script>`;
    await loadScriptTag();
    const tracker = global.touchpoint;
    await loadScriptTag();
    expect(global.touchpoint).toBe(tracker);
    await tracker!.flush();
    expect(sent().map((e) => e.type)).toEqual(["page"]);
  });

  it("reports a method it does not have, before and after loading, instead of throwing", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    runSnippet(snippet("tp_pub_test", "https://collector.example"));
    (global.touchpoint as unknown as { alias(id: string): void }).alias("x");
    await loadScriptTag();
    expect(() => (global.touchpoint as unknown as { group(id: string): void }).group("acme")).not.toThrow();
    const error = (method: string) => [
      "touchpoint:",
      { type: "invalid", call: method, errors: [{ path: "", message: "is not a touchpoint method" }] },
    ];
    expect(warn.mock.calls).toEqual([error("alias"), error("group")]);
  });

  it("strips query parameters named in data-strip-query from the stored URLs", async () => {
    setUrl("https://shop.example/welcome?token=abc&utm_source=mail");
    document.head.innerHTML = `<script src="https://collector.example/sdk/touchpoint.js" data-write-key="tp_pub_test" data-strip-query="token"></script>`;
    await loadScriptTag();
    await global.touchpoint!.flush();
    expect(sent().map((e) => e.context?.url)).toEqual(["https://shop.example/welcome?utm_source=mail"]);
  });

  it("logs what could not be delivered under data-debug", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    document.head.innerHTML = `<script src="https://collector.example/sdk/touchpoint.js" data-write-key="tp_pub_wrong" data-debug></script>`;
    network.collector.answers.push({ status: 401 });
    await loadScriptTag();
    await global.touchpoint!.flush();
    expect(warn.mock.calls).toEqual([["touchpoint:", { type: "dropped", status: 401, count: 1 }]]);
  });
});
