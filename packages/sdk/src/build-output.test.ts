import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stubNetwork } from "./testing/browser.js";

/** The built files, as published (`npm test` builds them first). */
const dist = (file: string) => readFileSync(join(import.meta.dirname, "..", "dist", file), "utf8");

describe("the build", () => {
  it("publishes types that stand alone: the private protocol package is inlined", () => {
    const types = dist("index.d.ts");
    expect(types).not.toMatch(/(from|import)\s*\(?["']@touchpoint\/protocol/);
    expect(types).toContain("interface TouchpointEvent");
  });

  it("ships no zod and no dependency in either bundle", () => {
    for (const file of ["index.js", "touchpoint.js"]) {
      const code = dist(file);
      expect(code).not.toMatch(/\bfrom\s*["']/);
      expect(code).not.toContain("zod");
    }
  });

  it("never listens to unload or beforeunload, which would keep pages out of the back-forward cache", () => {
    expect(dist("touchpoint.js")).not.toMatch(/["'](before)?unload["']/);
    expect(dist("touchpoint.js")).toContain('"pagehide"');
  });

  it("works as built: the minified ESM bundle, its internal names shortened, delivers an event", async () => {
    const network = stubNetwork();
    const sdk = (await import(join(import.meta.dirname, "..", "dist", "index.js"))) as typeof import("./index.js");
    const tracker = sdk.createTracker({ writeKey: "tp_pub_test", endpoint: "https://collector.example" });
    tracker.track("banner_click", { slot: "hero" });
    await tracker.flush();
    expect(network.collector.deliveries.map((d) => d.envelope.events.map((e) => [e.type, "name" in e && e.name, e.properties]))).toEqual([
      [["touchpoint", "banner_click", { slot: "hero" }]],
    ]);
  });
});
