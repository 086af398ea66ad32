import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCollectorStage, type CollectorStage } from "./collector-stage.js";
import { createServerTracker } from "./index.js";
import type { DeliveryError } from "./types.js";

interface Journey {
  traits: Record<string, unknown>;
  anonymousIds: string[];
  touchpoints: { name: string; channel: string; timestamp: string }[];
  conversions: { name: string; value: number }[];
}

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

let stage: CollectorStage;
beforeEach(async () => {
  stage = await startCollectorStage();
});
afterEach(() => stage.close());

const errorsOf = () => {
  const errors: DeliveryError[] = [];
  return { errors, onError: (error: DeliveryError) => errors.push(error) };
};

describe("createServerTracker against a real collector", () => {
  it("sends a call center's touchpoints and traits in batches; they land in the customer's journey with their channel and time", async () => {
    const { errors, onError } = errorsOf();
    const tracker = createServerTracker({ secretKey: stage.site.secretKey, endpoint: stage.proxyUrl, batchSize: 100, onError });
    tracker.identify({ customerId: "cust-42", traits: { segment: "smb" }, anonymousId: "browser-1" });
    tracker.track({
      customerId: "cust-42",
      name: "support_contact",
      channel: "call_center",
      timestamp: "2026-01-15T10:00:00.000Z",
      properties: { topic: "billing" },
    });
    tracker.track({
      customerId: "cust-42",
      name: "purchase",
      channel: "call_center",
      timestamp: new Date("2026-01-15T10:07:00.000Z"),
      properties: { value: 129.9 },
    });
    for (let i = 0; i < 247; i++)
      tracker.track({
        customerId: `bulk-${i}`,
        name: "point_of_sale",
        channel: "store",
        timestamp: Date.parse("2026-01-16T09:00:00.000Z") + i,
      });
    await tracker.close();

    expect(errors).toEqual([]);
    expect(stage.requests.map((r) => [r.path, r.events])).toEqual([
      ["/v1/batch", 100],
      ["/v1/batch", 100],
      ["/v1/batch", 50],
    ]);
    const journey = await stage.read<Journey>("/v1/journeys/cust-42");
    expect(journey.traits).toEqual({ segment: "smb" });
    expect(journey.anonymousIds).toEqual(["browser-1"]);
    expect(journey.touchpoints.map((t) => [t.name, t.channel, t.timestamp])).toEqual([
      ["support_contact", "call_center", "2026-01-15T10:00:00.000Z"],
      ["purchase", "call_center", "2026-01-15T10:07:00.000Z"],
    ]);
    expect(journey.conversions).toEqual([expect.objectContaining({ name: "purchase", value: 129.9 })]);
    expect(await stage.store.countEvents(stage.site.id)).toBe(250);
  });

  it("retries 503, 429 and 408, honouring Retry-After, and stores the batch once", async () => {
    const { errors, onError } = errorsOf();
    stage.failNext({ status: 503, retryAfter: "0" }, { status: 429, retryAfter: "0" }, { status: 408 });
    const tracker = createServerTracker({ secretKey: stage.site.secretKey, endpoint: stage.proxyUrl, backoffBaseMs: 10, onError });
    tracker.track({ customerId: "cust-1", name: "store_visit", channel: "store" });
    await tracker.close();
    expect(errors).toEqual([]);
    expect(stage.requests.length).toBe(4);
    expect(await stage.store.countEvents(stage.site.id)).toBe(1);
  });

  it("reports a batch it gave up on after maxRetries, and one the collector refuses outright, to onError", async () => {
    const { errors, onError } = errorsOf();
    stage.failNext({ status: 503, retryAfter: "0" }, { status: 503, retryAfter: "0" }, { status: 503, retryAfter: "0" });
    const tracker = createServerTracker({ secretKey: stage.site.secretKey, endpoint: stage.proxyUrl, maxRetries: 2, onError });
    tracker.track({ customerId: "cust-1", name: "store_visit", id: "e-1" });
    await tracker.flush();
    expect(errors.map((e) => [e.reason, e.status, e.message, e.events.map((event) => event.id)])).toEqual([
      ["failed", 503, "gave up after 3 attempts; last: HTTP 503: answered 503 by the test proxy", ["e-1"]],
    ]);

    const wrongKey = createServerTracker({ secretKey: "tp_secret_wrong", endpoint: stage.proxyUrl, onError });
    wrongKey.track({ customerId: "cust-1", name: "store_visit", id: "e-2" });
    await wrongKey.close();
    await tracker.close();
    expect(errors[1]).toMatchObject({ reason: "failed", status: 401, message: "HTTP 401: no site has this secret key" });
    expect(stage.requests.length).toBe(4);
    expect(await stage.store.countEvents(stage.site.id)).toBe(0);
  });

  it("reports events the collector rejects as invalid with its reasons, storing the rest", async () => {
    const { errors, onError } = errorsOf();
    const tracker = createServerTracker({ secretKey: stage.site.secretKey, endpoint: stage.proxyUrl, onError });
    tracker.track({ customerId: "cust-1", name: "store_visit", id: "ok" });
    tracker.track({ customerId: "cust-1", name: "9 lives", id: "bad" });
    await tracker.close();
    expect(errors).toEqual([
      {
        reason: "rejected",
        message: "the collector refused 1 event(s) as invalid",
        status: 200,
        events: [expect.objectContaining({ id: "bad" })],
        rejected: [{ index: 0, id: "bad", errors: [expect.objectContaining({ path: "name" })] }],
      },
    ]);
    expect(await stage.store.countEvents(stage.site.id)).toBe(1);
  });

  it("holds at most maxQueueSize events, reporting each one dropped", async () => {
    const { errors, onError } = errorsOf();
    const tracker = createServerTracker({ secretKey: stage.site.secretKey, endpoint: stage.proxyUrl, maxQueueSize: 2, onError });
    for (const id of ["a", "b", "c"]) tracker.track({ customerId: "cust-1", name: "store_visit", id });
    expect(tracker.queued).toBe(2);
    expect(errors.map((e) => [e.reason, e.events.map((event) => event.id)])).toEqual([["queue_full", ["c"]]]);
    await tracker.close();
    expect(await stage.store.countEvents(stage.site.id)).toBe(2);
  });

  it("throws a TypeError for a call without customerId or name, or with a bad timestamp", () => {
    const tracker = createServerTracker({ secretKey: stage.site.secretKey, endpoint: stage.proxyUrl, flushOnExit: false });
    expect(() => tracker.track({ customerId: "", name: "x" })).toThrow(new TypeError("customerId is required (a non-empty string)"));
    expect(() => tracker.track({ customerId: "c", name: undefined as unknown as string })).toThrow(
      new TypeError("name is required (a non-empty string)"),
    );
    expect(() => tracker.track({ customerId: "c", name: "x", timestamp: "soon" })).toThrow(
      new TypeError("timestamp must be a Date, epoch milliseconds or an ISO-8601 string"),
    );
    expect(tracker.queued).toBe(0);
  });
});

describe("the built package", () => {
  it("has no runtime dependencies: its builds import only node's own modules", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { dependencies?: object };
    expect(manifest.dependencies).toBeUndefined();
    const esm = readFileSync(new URL("../dist/index.js", import.meta.url), "utf8");
    const cjs = readFileSync(new URL("../dist/index.cjs", import.meta.url), "utf8");
    expect([...esm.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1])).toEqual(["crypto"]);
    expect([...cjs.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(["crypto"]);
  });

  it("sends what is queued when the process exits without close(), from require() and from import", async () => {
    const env = { ...process.env, ENDPOINT: stage.collectorUrl, SECRET: stage.site.secretKey };
    const cjs = `const { createServerTracker } = require("@touchpoint/node");
      createServerTracker({ secretKey: process.env.SECRET, endpoint: process.env.ENDPOINT }).track({ customerId: "cjs", name: "store_visit" });`;
    const esm = `import { createServerTracker } from "@touchpoint/node";
      createServerTracker({ secretKey: process.env.SECRET, endpoint: process.env.ENDPOINT }).track({ customerId: "esm", name: "store_visit" });`;
    await run(process.execPath, ["--input-type=commonjs", "-e", cjs], { cwd: PACKAGE_DIR, env });
    await run(process.execPath, ["--input-type=module", "-e", esm], { cwd: PACKAGE_DIR, env });
    const events = await stage.store.readEvents(stage.site.id);
    expect(events.map((e) => e.customerId)).toEqual(["cjs", "esm"]);
  });

  it("runs the README's call-center example as written", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = /```js\n([\s\S]*?)\n```/.exec(readme)?.[1];
    if (example === undefined) throw new Error("README.md has no js example");
    expect(example.split("\n").length).toBeLessThanOrEqual(10);
    const file = `${PACKAGE_DIR}readme-example.mjs`;
    writeFileSync(file, example.replace("https://collector.example.com", stage.collectorUrl));
    try {
      await run(process.execPath, [file], { cwd: PACKAGE_DIR, env: { ...process.env, TOUCHPOINT_SECRET_KEY: stage.site.secretKey } });
    } finally {
      rmSync(file, { force: true });
    }
    const journey = await stage.read<Journey>("/v1/journeys/cust-42");
    expect(journey.touchpoints.map((t) => [t.name, t.channel])).toEqual([
      ["support_contact", "call_center"],
      ["purchase", "call_center"],
    ]);
    expect(journey.conversions).toEqual([expect.objectContaining({ name: "purchase", value: 129.9 })]);
  });
});
