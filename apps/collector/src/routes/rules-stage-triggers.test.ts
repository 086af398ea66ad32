/**
 * stageEntered rules through HTTP, as the server wires them: ingest wakes journey upkeep, whose
 * notices start the runs; a real receiver gets the webhooks.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { startAutomation, type Automation } from "../automation/automation.js";
import { connectStageTriggers, type StageTriggers } from "../automation/stage-triggers.js";
import { DEFAULT_CONFIG } from "../config.js";
import { createGroupCommitWriter } from "../ingest/group-commit.js";
import { openSqliteAutomationStore } from "../store/sqlite/automation-driver.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { CreatedSite, Store } from "../store/store.js";
import { jsonCall } from "../testing/json-call.js";
import { useTempDir } from "../testing/temp-dir.js";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver.js";
import { startJourneyUpkeep, type JourneyUpkeep } from "../upkeep/journey-upkeep.js";

const dir = useTempDir("tp-stage-rules-");
let store: Store;
let automation: Automation;
let upkeep: JourneyUpkeep;
let stageTriggers: StageTriggers;
let site: CreatedSite;
let app: ReturnType<typeof createApp>;
let receiver: WebhookReceiver;

beforeEach(async () => {
  const file = join(dir(), "touchpoint.db");
  store = await openSqliteStore(file);
  site = await store.createSite({ name: "shop", origins: [] });
  automation = startAutomation(store, openSqliteAutomationStore(file), { allowPrivateWebhooks: true, pollMs: 50 });
  upkeep = startJourneyUpkeep(store, { recordStageEntries: automation.stageEntriesToRecord });
  stageTriggers = connectStageTriggers(upkeep, automation);
  const writer = createGroupCommitWriter(store, DEFAULT_CONFIG.groupCommit, async (rows, outcomes) => {
    await automation.onEventsCommitted(rows, outcomes);
    upkeep.wake();
  });
  app = createApp({ store, config: DEFAULT_CONFIG, automation, writer });
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await receiver.close();
  await upkeep.stop();
  await stageTriggers.stop();
  await automation.stop();
  await automation.store.close();
  await store.close();
});

const call = jsonCall(
  () => app,
  () => site.secretKey,
);

const sendAsServer = (events: object[]) => call("POST", "/v1/batch", { writeKey: "server", sentAt: new Date().toISOString(), events });
const reviewRead = (id: string, customerId: string) => ({
  id,
  type: "touchpoint",
  name: "review_read",
  customerId,
  timestamp: new Date().toISOString(),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function salesCallRule(webhook: string, extra: object = {}) {
  return { name: "sales call", when: { stageEntered: "evaluation" }, wait: "PT1S", branches: [{ do: [{ webhook }] }], ...extra };
}

describe("stageEntered rules", () => {
  it("fire once when a customer enters the stage: not again for a repeated batch or another touchpoint of the stage", async () => {
    const created = await call("POST", "/v1/rules", salesCallRule(receiver.url("/sales-call")));
    expect(created.status).toBe(201);
    const rule = created.body;
    expect((await sendAsServer([reviewRead("r1", "ann")])).status).toBe(200);
    await upkeep.caughtUp();

    const [hook] = await receiver.waitFor(1);
    const payload = JSON.parse(hook!.body);
    const journey = (await call("GET", "/v1/journeys/ann", undefined, site.readKey)).body;
    const enteredAt = journey.stages.find((s: { stage: string }) => s.stage === "evaluation").enteredAt;
    expect([hook!.path, payload.customerId, payload.currentStage, payload.branch]).toEqual(["/sales-call", "ann", "evaluation", "0"]);
    expect(payload.trigger).toEqual({
      eventId: `stage:evaluation:c:ann:${Date.parse(enteredAt)}`,
      name: "evaluation",
      timestamp: enteredAt,
    });

    await sendAsServer([reviewRead("r1", "ann")]);
    await sendAsServer([reviewRead("r2", "ann")]);
    await upkeep.caughtUp();
    await sleep(1_500);
    expect(receiver.received).toHaveLength(1);
    const runs = (await call("GET", `/v1/rules/${rule.id}/runs`)).body.runs;
    expect(
      runs.map((r: { state: string; customerId: string; trigger: { eventId: string } }) => [r.state, r.customerId, r.trigger.eventId]),
    ).toEqual([["done", "ann", payload.trigger.eventId]]);
  });

  it("start nothing for persons outside the audience, or for history from before the rule's stage was entered", async () => {
    // cy (in the audience) entered evaluation before the rule existed: a later touchpoint of the stage is no entry.
    await sendAsServer([
      { id: "i0", type: "identify", customerId: "cy", traits: { plan: "pro" }, timestamp: new Date().toISOString() },
      reviewRead("old", "cy"),
    ]);
    await upkeep.caughtUp();
    const rule = (
      await call(
        "POST",
        "/v1/rules",
        salesCallRule(receiver.url("/sales-call"), { when: { stageEntered: "evaluation", audience: { trait: "plan", eq: "pro" } } }),
      )
    ).body;
    await sendAsServer([
      { id: "i1", type: "identify", customerId: "ann", traits: { plan: "pro" }, timestamp: new Date().toISOString() },
      { id: "i2", type: "identify", customerId: "bob", traits: { plan: "free" }, timestamp: new Date().toISOString() },
      reviewRead("a1", "ann"),
      reviewRead("b1", "bob"),
      reviewRead("c2", "cy"),
    ]);
    await upkeep.caughtUp();
    const [hook] = await receiver.waitFor(1);
    expect(JSON.parse(hook!.body).customerId).toBe("ann");
    await sleep(1_500);
    expect(receiver.received).toHaveLength(1);
    expect((await call("GET", `/v1/rules/${rule.id}/runs`)).body.runs.map((r: { customerId: string }) => r.customerId)).toEqual(["ann"]);
  });

  it("start nothing when a new stage model puts history in the stage (a model rebuild is no entry)", async () => {
    const rule = (await call("POST", "/v1/rules", salesCallRule(receiver.url("/sales-call")))).body;
    await sendAsServer([
      { id: "w1", type: "touchpoint", name: "webinar_attended", customerId: "bob", timestamp: new Date().toISOString() },
    ]);
    await upkeep.caughtUp();
    const model = {
      stages: ["awareness", "consideration", "evaluation", "purchase", "loyalty"],
      rules: [{ stage: "evaluation", event: "webinar_attended" }],
      conversions: ["purchase"],
    };
    expect(await store.setStageModel(site.id, model)).toBe(true);
    await upkeep.caughtUp();
    expect((await call("GET", "/v1/journeys/bob", undefined, site.readKey)).body.currentStage).toBe("evaluation");
    await sleep(1_500);
    expect(receiver.received).toEqual([]);
    expect((await call("GET", `/v1/rules/${rule.id}/runs`)).body.runs).toEqual([]);
  });

  it("backtest: entries into the stage over history, counted by hand", async () => {
    const DAY = 86_400_000;
    const base = Date.now() - 20 * DAY;
    const at = (days: number) => new Date(base + days * DAY).toISOString();
    const e = (id: string, name: string, customerId: string, days: number) => ({
      id,
      type: "touchpoint",
      name,
      customerId,
      timestamp: at(days),
    });
    await sendAsServer([
      // ann enters evaluation on day 1 and buys half a day later: branch 0.
      e("a1", "catalog_view", "ann", 0),
      e("a2", "review_read", "ann", 1),
      e("a3", "purchase", "ann", 1.5),
      // bob enters on day 2; his second review on day 3 is no new entry: one run, branch 1.
      e("b1", "review_read", "bob", 2),
      e("b2", "review_read", "bob", 3),
      // cy never reaches evaluation; dan enters after `to`.
      e("c1", "catalog_view", "cy", 2),
      e("d1", "review_read", "dan", 12),
    ]);
    await upkeep.caughtUp();
    const rule = (
      await call("POST", "/v1/rules", {
        name: "sales call",
        when: { stageEntered: "evaluation" },
        wait: "P1D",
        branches: [{ if: { event: "purchase" }, do: [{ track: "won" }] }, { do: [{ webhook: receiver.url("/sales-call") }] }],
      })
    ).body;
    const result = await call("POST", `/v1/rules/${rule.id}/backtest?from=${encodeURIComponent(at(-1))}&to=${encodeURIComponent(at(10))}`);
    expect(result).toEqual({
      status: 200,
      body: {
        from: at(-1),
        to: at(10),
        persons: 2,
        runs: 2,
        waiting: 0,
        branches: { "0": 1, "1": 1 },
        actions: [
          { branch: "0", index: 0, kind: "track", target: "won", count: 1 },
          { branch: "1", index: 0, kind: "webhook", target: receiver.url("/sales-call"), count: 1 },
        ],
      },
    });
  });
});

describe("stalled rules", () => {
  it("check days after the entry, from the runs table: act for a person still in the stage, cancel for one who moved on", async () => {
    const DAY = 86_400_000;
    const entered = Date.now() - 2 * DAY;
    const at = (days: number) => new Date(entered + days * DAY).toISOString();
    const e = (id: string, name: string, customerId: string, days: number) => ({
      id,
      type: "touchpoint",
      name,
      customerId,
      timestamp: at(days),
    });
    const nudge = {
      name: "stalled a day",
      when: { stalled: "evaluation", days: 1 },
      wait: "PT1S",
      branches: [{ do: [{ webhook: receiver.url("/nudge") }] }],
    };
    const oneDay = (await call("POST", "/v1/rules", nudge)).body;
    const threeDays = (await call("POST", "/v1/rules", { ...nudge, name: "stalled three days", when: { stalled: "evaluation", days: 3 } }))
      .body;
    // Both entered evaluation two days ago (sent late); bob bought half a day later, ann did not.
    await sendAsServer([e("a1", "review_read", "ann", 0), e("b1", "review_read", "bob", 0), e("b2", "purchase", "bob", 0.5)]);
    await upkeep.caughtUp();

    const [hook] = await receiver.waitFor(1);
    const payload = JSON.parse(hook!.body);
    expect([hook!.path, payload.customerId, payload.rule.name, payload.trigger]).toEqual([
      "/nudge",
      "ann",
      "stalled a day",
      { eventId: `stalled:evaluation:c:ann:${entered}`, name: "evaluation", timestamp: at(1) },
    ]);
    const runsOf = async (ruleId: string) =>
      (await call("GET", `/v1/rules/${ruleId}/runs`)).body.runs
        .map((r: { customerId: string; state: string; dueAt: string | null }) => [r.customerId, r.state, r.dueAt])
        .sort();
    await expect
      .poll(() => runsOf(oneDay.id))
      .toEqual([
        ["ann", "done", null],
        ["bob", "cancelled", null],
      ]);
    // Three days have not passed: both checks wait in the runs table until the entry + 3 days + the wait.
    const due = new Date(entered + 3 * DAY + 1_000).toISOString();
    expect(await runsOf(threeDays.id)).toEqual([
      ["ann", "waiting", due],
      ["bob", "waiting", due],
    ]);
    await sleep(500);
    expect(receiver.received).toHaveLength(1);
  });
});
