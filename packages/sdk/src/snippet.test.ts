import { afterEach, describe, expect, it, vi } from "vitest";
import { snippet } from "./snippet.js";

const WRITE_KEY = `tp_pub_${"A".repeat(32)}`;
const ENDPOINT = "https://collector.example.com";
const global = window as unknown as { touchpoint?: { q: unknown[]; track(...args: unknown[]): void; identify(...args: unknown[]): void } };

/** Runs the snippet's script the way a page would. */
const runSnippet = (html: string) => new Function(html.slice("<script>".length, -"</script>".length))();

afterEach(() => {
  delete global.touchpoint;
  document.head.innerHTML = "";
  vi.useRealTimers();
});

describe("snippet", () => {
  it("fits in 400 bytes with a real write key and endpoint", () => {
    const html = snippet(WRITE_KEY, ENDPOINT);
    expect(new TextEncoder().encode(html).length).toBeLessThanOrEqual(400);
    expect(html.startsWith("<script>") && html.endsWith("</script>")).toBe(true);
  });

  it("queues every call with its time and loads the script asynchronously", () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    runSnippet(snippet(WRITE_KEY, `${ENDPOINT}/`));
    global.touchpoint!.track("banner_click", { slot: "hero" });
    vi.setSystemTime(Date.UTC(2026, 0, 1, 0, 0, 5));
    global.touchpoint!.identify("cust-1");
    expect(global.touchpoint!.q).toEqual([
      ["track", ["banner_click", { slot: "hero" }], Date.UTC(2026, 0, 1)],
      ["identify", ["cust-1"], Date.UTC(2026, 0, 1, 0, 0, 5)],
    ]);
    // A script added by a script is async by itself; the stub holds the write key for it.
    const script = document.head.querySelector("script")!;
    expect([script.src, (global.touchpoint as unknown as { k: string }).k]).toEqual([
      "https://collector.example.com/sdk/touchpoint.js",
      WRITE_KEY,
    ]);
  });

  it("does nothing when touchpoint is already on the page", () => {
    runSnippet(snippet(WRITE_KEY, ENDPOINT));
    const stub = global.touchpoint;
    runSnippet(snippet(WRITE_KEY, ENDPOINT));
    expect(global.touchpoint).toBe(stub);
    expect(document.head.querySelectorAll("script")).toHaveLength(1);
  });

  it("escapes what could close the script element", () => {
    expect(snippet("</script><script>alert(1)</script>", ENDPOINT)).not.toContain("</script><script>alert");
  });
});
