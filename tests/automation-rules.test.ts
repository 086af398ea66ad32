import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findPostgresBin, startThrowawayPostgres, type ThrowawayPostgres } from "../apps/collector/src/testing/throwaway-postgres.js";
import { startWebhookReceiver, type WebhookReceiver } from "../apps/collector/src/testing/webhook-receiver.js";
import {
  CollectorProcess,
  createSite,
  freePort,
  type SiteKeys,
  requireBuiltCollector,
  callCollector,
} from "./support/process-collector.js";

/**
 * Automation rules on built collector processes: a run waiting when the collector dies with
 * SIGKILL fires once after the restart, and three collectors on one PostgreSQL fire each run on
 * exactly one node. Receivers are real HTTP servers on loopback, hence --allow-private-webhooks.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function trigger(id: string, customerId: string) {
  return { id, type: "touchpoint", name: "cart_abandoned", customerId, timestamp: new Date().toISOString() };
}

const sendAsServer = (port: number, site: SiteKeys, events: object[]) =>
  callCollector(port, site.secretKey, "POST", "/v1/batch", { writeKey: site.writeKey, sentAt: new Date().toISOString(), events });

function reminderRule(receiver: WebhookReceiver, wait: string) {
  return {
    name: "cart reminder",
    when: { event: "cart_abandoned" },
    wait,
    branches: [{ if: { noEvent: "purchase" }, do: [{ webhook: receiver.url("/remind") }, { track: "cart_reminder_sent" }] }],
  };
}

/** Every run of the rule, once all are done. */
async function doneRuns(port: number, site: SiteKeys, ruleId: string, count: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await callCollector(port, site.secretKey, "GET", `/v1/rules/${ruleId}/runs?state=done`);
    const delivered = body.runs.filter((r: { deliveries: { status: string }[] }) => r.deliveries.every((d) => d.status === "delivered"));
    if (delivered.length >= count || Date.now() > deadline) return body.runs;
    await sleep(100);
  }
}

describe("automation: SIGKILL during a wait", () => {
  let dir: string;
  let db: string;
  let site: SiteKeys;
  let collector: CollectorProcess | undefined;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    requireBuiltCollector();
    dir = mkdtempSync(join(tmpdir(), "touchpoint-automation-"));
    db = join(dir, "automation.db");
    site = await createSite(db, "automation");
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await collector?.kill();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fires every waiting run once after the restart", async () => {
    const port = await freePort();
    collector = await CollectorProcess.start({ db, port, args: ["--allow-private-webhooks"] });
    const rule = (await callCollector(port, site.secretKey, "POST", "/v1/rules", reminderRule(receiver, "PT2S"))).body;
    expect((await sendAsServer(port, site, [trigger("t1", "ann"), trigger("t2", "bob"), trigger("t3", "cy")])).status).toBe(200);
    expect((await collector.kill("SIGKILL")).signal).toBe("SIGKILL");
    // Down past the due time: nothing can have fired.
    await sleep(2_500);
    expect(receiver.received).toEqual([]);

    collector = await CollectorProcess.start({ db, port, args: ["--allow-private-webhooks"] });
    const runs = await doneRuns(port, site, rule.id, 3);
    expect(runs.map((r: { customerId: string }) => r.customerId).sort()).toEqual(["ann", "bob", "cy"]);
    // Time for a double to show up, if there were one.
    await sleep(1_000);
    expect(receiver.received.map((h) => JSON.parse(h.body).customerId).sort()).toEqual(["ann", "bob", "cy"]);
    const journey = (await callCollector(port, site.readKey, "GET", "/v1/journeys/ann")).body;
    expect(
      journey.touchpoints.filter((t: { name: string }) => t.name === "cart_reminder_sent").map((t: { channel: string }) => t.channel),
    ).toEqual(["automation"]);
  });
});

describe.skipIf(!findPostgresBin())(
  "automation: three collectors on one PostgreSQL (skipped only where the postgresql package is missing)",
  () => {
    let server: ThrowawayPostgres;
    let nodes: CollectorProcess[] = [];
    let receiver: WebhookReceiver;
    let site: SiteKeys;

    beforeEach(async () => {
      server = await startThrowawayPostgres();
      const url = await server.createDatabase("automation");
      const ports = await Promise.all([0, 1, 2].map(() => freePort()));
      nodes = await Promise.all(
        ports.map((port) => CollectorProcess.start({ db: url, port, env: { TOUCHPOINT_ALLOW_PRIVATE_WEBHOOKS: "1" } })),
      );
      site = await createSite(url, "automation");
      receiver = await startWebhookReceiver();
    });

    afterEach(async () => {
      await Promise.all(nodes.map((node) => node.kill()));
      await receiver.close();
      await server?.stop();
    });

    it("fires each run on exactly one node", async () => {
      const rule = (await callCollector(nodes[0]!.port, site.secretKey, "POST", "/v1/rules", reminderRule(receiver, "PT1S"))).body;
      // Other nodes read the rules anew within a second.
      await sleep(1_200);
      const customers = Array.from({ length: 12 }, (_, i) => `c${i}`);
      await Promise.all(customers.map((c, i) => sendAsServer(nodes[i % 3]!.port, site, [trigger(`t-${c}`, c)])));
      const runs = await doneRuns(nodes[1]!.port, site, rule.id, customers.length);
      expect(runs).toHaveLength(customers.length);
      await sleep(1_500);
      const sent = receiver.received.map((h) => JSON.parse(h.body).customerId).sort();
      expect(sent).toEqual([...customers].sort());
      expect(new Set(receiver.received.map((h) => h.headers["idempotency-key"])).size).toBe(customers.length);
    });
  },
);
