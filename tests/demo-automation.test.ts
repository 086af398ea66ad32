import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoCommand, type RunningDemo } from "./support/demo-process.js";
import { requireBuiltCollector } from "./support/process-collector.js";
import { BROWSER_USER_AGENT, batchBody } from "./support/process-events.js";

/** `touchpoint demo` ships the abandoned-cart rule: a checkout left 10 s without a purchase is reminded, and its receiver prints the delivery. */
describe("demo: abandoned-cart automation", () => {
  let dir: string;
  let demo: RunningDemo;

  beforeAll(async () => {
    requireBuiltCollector();
    dir = mkdtempSync(join(tmpdir(), "touchpoint-demo-automation-"));
    demo = await startDemoCommand(join(dir, "touchpoint.db"));
  });

  afterAll(async () => {
    await demo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reminds a cart left at checkout, once, with a signed webhook and a touchpoint", async () => {
    expect(demo.output()).toMatch(
      /^ {2}automation: rule "abandoned cart" \(rule_\w+\) sends its webhooks to http:\/\/127\.0\.0\.1:\d+\/cart-reminder$/m,
    );
    const writeKey = /write key: +(\S+)/.exec(demo.output())![1]!;
    const checkout = {
      id: "checkout-1",
      type: "touchpoint",
      name: "begin_checkout",
      anonymousId: "anon-cart",
      timestamp: new Date().toISOString(),
      properties: { value: 42 },
      context: { path: "/cart" },
    };
    const sent = await fetch(`${demo.collectorUrl}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: demo.shopUrl, "user-agent": BROWSER_USER_AGENT },
      body: batchBody(writeKey, [checkout]),
    });
    expect(sent.status).toBe(200);

    const deadline = Date.now() + 30_000;
    while (!demo.output().includes("automation webhook:") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(demo.output().match(/^automation webhook: .*$/gm)).toEqual([
      'automation webhook: "abandoned cart" (branch 0) for anon-cart, signature verified',
    ]);

    const { secretKey } = JSON.parse(readFileSync(join(dir, "demo-keys.json"), "utf8")) as { secretKey: string };
    const journey = await (
      await fetch(`${demo.collectorUrl}/v1/journeys?anonymousId=anon-cart`, { headers: { authorization: `Bearer ${demo.readKey}` } })
    ).json();
    expect(journey.touchpoints.map((t: { name: string; channel: string }) => [t.name, t.channel])).toEqual([
      ["begin_checkout", expect.any(String)],
      ["cart_reminder_sent", "automation"],
    ]);
    const rules = await (await fetch(`${demo.collectorUrl}/v1/rules`, { headers: { authorization: `Bearer ${secretKey}` } })).json();
    expect(rules.rules.map((r: { name: string }) => r.name)).toEqual(["abandoned cart"]);
  });
});
