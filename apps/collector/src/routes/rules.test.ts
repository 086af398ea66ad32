import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { startAutomation } from "../automation/automation.js";
import { verifyWebhook } from "../automation/webhook-signature.js";
import { DEFAULT_CONFIG } from "../config.js";
import { useRulesApp } from "../testing/rules-app.js";

const rules = useRulesApp("tp-rules-");

const sendAsServer = (events: object[]) =>
  rules.call("POST", "/v1/batch", { writeKey: "server", sentAt: new Date().toISOString(), events });
const now = () => new Date().toISOString();

function videoRule(receiverUrl: (path: string) => string, wait = "PT1S") {
  return {
    name: "video follow-up",
    when: { event: "video_sent" },
    wait,
    branches: [
      { if: { event: "video_watched", where: { percent: { gte: 25 } } }, do: [{ webhook: receiverUrl("/rest-of-video") }] },
      { if: { noEvent: "video_watched" }, do: [{ webhook: receiverUrl("/reinvite") }, { track: "invite_resent" }] },
      { do: [] },
    ],
  };
}

describe("rules API", () => {
  it("creates, lists, reads, versions, disables and deletes a rule", async () => {
    const body = videoRule(rules.receiver.url);
    const created = await rules.call("POST", "/v1/rules", body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^rule_/),
      signingSecret: expect.stringMatching(/^whsec_/),
      version: 1,
      ...body,
      reentry: false,
      enabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;
    expect((await rules.call("GET", "/v1/rules")).body.rules.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await rules.call("GET", `/v1/rules/${id}`)).body).toEqual(created.body);

    const v2 = await rules.call("PATCH", `/v1/rules/${id}`, { ...body, wait: "PT2S" });
    expect([v2.status, v2.body.version, v2.body.wait, v2.body.enabled]).toEqual([200, 2, "PT2S", true]);
    const off = await rules.call("PATCH", `/v1/rules/${id}`, { enabled: false });
    expect([off.status, off.body.version, off.body.enabled]).toEqual([200, 2, false]);

    expect((await rules.call("DELETE", `/v1/rules/${id}`)).status).toBe(204);
    expect(await rules.call("GET", `/v1/rules/${id}`)).toEqual({
      status: 404,
      body: { error: { code: "unknown_rule", message: `no rule of this site has the id "${id}"` } },
    });
    expect((await rules.call("DELETE", `/v1/rules/${id}`)).status).toBe(404);
  });

  it("refuses a bad rule naming the field, and other keys than the secret key", async () => {
    const bad = await rules.call("POST", "/v1/rules", { ...videoRule(rules.receiver.url), wait: "3 days" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_body");
    expect(bad.body.error.issues).toEqual([
      { path: "wait", message: "must be an ISO 8601 duration of weeks, days, hours, minutes and seconds (PT3S, P3D), at most a year" },
    ]);
    expect((await rules.call("GET", "/v1/rules", undefined, rules.site.readKey)).status).toBe(403);
    expect((await rules.call("POST", "/v1/rules", videoRule(rules.receiver.url), rules.site.writeKey)).status).toBe(403);
  });

  it("documents every rules path in /openapi.json", async () => {
    const doc = await (await rules.app.request("/openapi.json")).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/v1/rules"))).toEqual([
      "/v1/rules",
      "/v1/rules/{id}",
      "/v1/rules/{id}/runs",
      "/v1/rules/{id}/backtest",
    ]);
    expect(doc.components.schemas.RuleBody.properties.wait.description).toMatch(/ISO 8601 duration/);
  });
});

describe("rule runs", () => {
  it("fires the branch that holds after the wait: a signed webhook and an automation touchpoint in the journey", async () => {
    const rule = (await rules.call("POST", "/v1/rules", videoRule(rules.receiver.url))).body;
    expect((await sendAsServer([{ id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }])).status).toBe(
      200,
    );
    // A retry of the same batch starts nothing more.
    await sendAsServer([{ id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }]);
    const waiting = await rules.call("GET", `/v1/rules/${rule.id}/runs?customerId=ann`);
    expect(waiting.body.runs.map((r: { state: string; trigger: { eventId: string } }) => [r.state, r.trigger.eventId])).toEqual([
      ["waiting", "v1"],
    ]);

    const [hook] = await rules.receiver.waitFor(1);
    expect(hook!.path).toBe("/reinvite");
    expect(
      verifyWebhook(rule.signingSecret, hook!.body, hook!.headers["touchpoint-signature"] as string, Math.floor(Date.now() / 1000)),
    ).toBe(true);
    const payload = JSON.parse(hook!.body);
    expect(payload).toEqual({
      deliveryId: hook!.headers["idempotency-key"],
      rule: { id: rule.id, name: "video follow-up", version: 1 },
      branch: "1",
      customerId: "ann",
      anonymousIds: [],
      trigger: { eventId: "v1", name: "video_sent", timestamp: expect.any(String) },
      currentStage: null,
      traits: {},
      firedAt: expect.any(String),
    });

    await expect
      .poll(async () => (await rules.call("GET", `/v1/rules/${rule.id}/runs`)).body.runs[0].deliveries[0].status)
      .toBe("delivered");
    const [run] = (await rules.call("GET", `/v1/rules/${rule.id}/runs?state=done`)).body.runs;
    expect([run.state, run.dueAt, run.branches, run.deliveries.map((d: { url: string; attempts: number }) => [d.url, d.attempts])]).toEqual(
      ["done", null, ["1"], [[rules.receiver.url("/reinvite"), 1]]],
    );

    const journey = (await rules.call("GET", "/v1/journeys/ann", undefined, rules.site.readKey)).body;
    const touch = journey.touchpoints.find((t: { name: string }) => t.name === "invite_resent");
    expect([touch.channel, touch.properties.rule, touch.properties.branch]).toEqual(["automation", rule.id, "1"]);
    expect(rules.receiver.received).toHaveLength(1);
  });

  it("takes the first branch whose condition holds over the events since the trigger", async () => {
    const rule = (await rules.call("POST", "/v1/rules", videoRule(rules.receiver.url))).body;
    await sendAsServer([
      { id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() },
      { id: "v2", type: "touchpoint", name: "video_sent", customerId: "bob", timestamp: now() },
      { id: "v3", type: "touchpoint", name: "video_sent", customerId: "cy", timestamp: now() },
    ]);
    await sendAsServer([
      { id: "w1", type: "touchpoint", name: "video_watched", customerId: "ann", timestamp: now(), properties: { percent: 40 } },
      { id: "w2", type: "touchpoint", name: "video_watched", customerId: "bob", timestamp: now(), properties: { percent: 10 } },
    ]);
    const hooks = await rules.receiver.waitFor(2);
    expect(hooks.map((h) => [h.path, JSON.parse(h.body).customerId]).sort()).toEqual([
      ["/reinvite", "cy"],
      ["/rest-of-video", "ann"],
    ]);
    await expect.poll(async () => (await rules.call("GET", `/v1/rules/${rule.id}/runs?state=done`)).body.runs.length).toBe(3);
    const runs = (await rules.call("GET", `/v1/rules/${rule.id}/runs`)).body.runs;
    expect(runs.map((r: { customerId: string; branches: string[] }) => [r.customerId, r.branches]).sort()).toEqual([
      ["ann", ["0"]],
      ["bob", ["2"]],
      ["cy", ["1"]],
    ]);
  });

  it("retries a delivery after the receiver answers 500", async () => {
    rules.receiver.answerWith(500);
    const rule = (await rules.call("POST", "/v1/rules", videoRule(rules.receiver.url))).body;
    await sendAsServer([{ id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }]);
    const [first, second] = await rules.receiver.waitFor(2);
    expect(second!.headers["idempotency-key"]).toBe(first!.headers["idempotency-key"]);
    expect(second!.body).toBe(first!.body);
    await expect
      .poll(async () => (await rules.call("GET", `/v1/rules/${rule.id}/runs`)).body.runs[0].deliveries[0])
      .toMatchObject({ status: "delivered", attempts: 2, lastError: null });
  });

  it("erasure during a wait cancels the run: nothing is sent", async () => {
    const rule = (await rules.call("POST", "/v1/rules", videoRule(rules.receiver.url, "PT2S"))).body;
    await sendAsServer([{ id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }]);
    expect((await rules.call("DELETE", "/v1/customers/ann")).status).toBe(200);
    const [run] = (await rules.call("GET", `/v1/rules/${rule.id}/runs`)).body.runs;
    expect([run.state, run.dueAt, run.customerId, run.anonymousId]).toEqual(["cancelled", null, null, null]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(rules.receiver.received).toEqual([]);
  });
});

describe("rule trees", () => {
  it("continues with then: a second wait whose branches see what happened meanwhile", async () => {
    const tree = videoRule(rules.receiver.url);
    tree.branches[1]!.do.push({
      then: {
        wait: "PT1S",
        branches: [
          { if: { event: "video_watched" }, do: [{ webhook: rules.receiver.url("/thanks") }] },
          { do: [{ webhook: rules.receiver.url("/give-up") }] },
        ],
      },
    } as never);
    const rule = (await rules.call("POST", "/v1/rules", tree)).body;
    await sendAsServer([{ id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }]);
    expect((await rules.receiver.waitFor(1)).map((h) => h.path)).toEqual(["/reinvite"]);
    await sendAsServer([
      { id: "w1", type: "touchpoint", name: "video_watched", customerId: "ann", timestamp: now(), properties: { percent: 5 } },
    ]);
    expect((await rules.receiver.waitFor(2)).map((h) => [h.path, JSON.parse(h.body).branch])).toEqual([
      ["/reinvite", "1"],
      ["/thanks", "1.2.0"],
    ]);
    await expect
      .poll(async () =>
        (await rules.call("GET", `/v1/rules/${rule.id}/runs?state=done`)).body.runs.map((r: { branches: string[] }) => r.branches),
      )
      .toEqual([["1", "1.2.0"]]);
  });

  it("refuses webhooks to private addresses unless allowed: the delivery fails at once, visible in runs", async () => {
    const guarded = startAutomation(rules.store, rules.automation.store, { pollMs: 50 });
    const guardedApp = createApp({ store: rules.store, config: DEFAULT_CONFIG, automation: guarded });
    await rules.automation.stop();
    const secret = { authorization: `Bearer ${rules.site.secretKey}`, "content-type": "application/json" };
    const rule = await (
      await guardedApp.request("/v1/rules", { method: "POST", headers: secret, body: JSON.stringify(videoRule(rules.receiver.url)) })
    ).json();
    await guardedApp.request("/v1/batch", {
      method: "POST",
      headers: secret,
      body: JSON.stringify({
        writeKey: "server",
        sentAt: now(),
        events: [{ id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }],
      }),
    });
    const runsOf = async () => (await (await guardedApp.request(`/v1/rules/${rule.id}/runs`, { headers: secret })).json()).runs;
    await expect.poll(async () => (await runsOf())[0].deliveries[0]?.status, { timeout: 5_000 }).toBe("failed");
    expect((await runsOf())[0].deliveries[0]).toMatchObject({
      attempts: 1,
      lastError: "refused: 127.0.0.1 is a private address (the collector runs without --allow-private-webhooks)",
    });
    await guarded.stop();
    expect(rules.receiver.received).toEqual([]);
  });
});

describe("backtest", () => {
  it("counts what the rule would have done over history, as counted by hand", async () => {
    const DAY = 86_400_000;
    const base = Date.now() - 20 * DAY;
    const at = (days: number) => new Date(base + days * DAY).toISOString();
    const e = (id: string, name: string, customerId: string, days: number, properties: object = {}) => ({
      id,
      type: "touchpoint",
      name,
      customerId,
      timestamp: at(days),
      properties,
    });
    expect(
      (
        await sendAsServer([
          // ann watched 40% two days after: branch 0.
          e("a1", "video_sent", "ann", 0),
          e("a2", "video_watched", "ann", 2, { percent: 40 }),
          // bob: nothing in 3 days, branch 1 (reinvite, invite_resent), then watched before the next day ended: 1.2.0.
          // His second video_sent falls inside that run and does not enter (no reentry).
          e("b1", "video_sent", "bob", 0),
          e("b2", "video_sent", "bob", 1),
          e("b3", "video_watched", "bob", 3.5),
          // cy watched 10%: the else branch, no action.
          e("c1", "video_sent", "cy", 0),
          e("c2", "video_watched", "cy", 1, { percent: 10 }),
          // dan: sent 2 days ago, still waiting.
          e("d1", "video_sent", "dan", 18),
          // eve: before from.
          e("e1", "video_sent", "eve", -5),
        ])
      ).body,
    ).toMatchObject({ accepted: 9 });
    const tree = videoRule(rules.receiver.url, "P3D");
    tree.branches[1]!.do.push({
      then: { wait: "P1D", branches: [{ if: { event: "video_watched" }, do: [{ track: "won_back" }] }] },
    } as never);
    const rule = (await rules.call("POST", "/v1/rules", tree)).body;
    const answer = await rules.call(
      "POST",
      `/v1/rules/${rule.id}/backtest?from=${encodeURIComponent(at(-1))}&to=${encodeURIComponent(at(19))}`,
    );
    expect(answer).toEqual({
      status: 200,
      body: {
        from: at(-1),
        to: at(19),
        persons: 4,
        runs: 4,
        waiting: 1,
        branches: { "0": 1, "1": 1, "1.2.0": 1, "2": 1 },
        actions: [
          { branch: "0", index: 0, kind: "webhook", target: rules.receiver.url("/rest-of-video"), count: 1 },
          { branch: "1", index: 0, kind: "webhook", target: rules.receiver.url("/reinvite"), count: 1 },
          { branch: "1", index: 1, kind: "track", target: "invite_resent", count: 1 },
          { branch: "1.2.0", index: 0, kind: "track", target: "won_back", count: 1 },
        ],
      },
    });
    // Nothing was acted on.
    expect((await rules.call("GET", `/v1/rules/${rule.id}/runs`)).body.runs).toEqual([]);
    expect(rules.receiver.received).toEqual([]);
  });

  it("refuses a period that does not end after it starts, naming `to`", async () => {
    const rule = (await rules.call("POST", "/v1/rules", videoRule(rules.receiver.url))).body;
    const from = "2026-03-02T00:00:00.000Z";
    expect(await rules.call("POST", `/v1/rules/${rule.id}/backtest?from=${from}&to=${from}`)).toEqual({
      status: 400,
      body: {
        error: { code: "invalid_parameter", message: "to: must be after from", issues: [{ path: "to", message: "must be after from" }] },
      },
    });
  });
});

describe("delivery retries", () => {
  it("retries a failing receiver for 24 hours, then marks the delivery failed", async () => {
    await rules.automation.stop();
    let clock = Date.now();
    const clocked = startAutomation(rules.store, rules.automation.store, {
      allowPrivateWebhooks: true,
      pollMs: 3_600_000,
      now: () => clock,
    });
    const clockedApp = createApp({ store: rules.store, config: DEFAULT_CONFIG, automation: clocked });
    const secret = { authorization: `Bearer ${rules.site.secretKey}`, "content-type": "application/json" };
    rules.receiver.answerWith(...Array.from({ length: 50 }, () => 500));
    const rule = await (
      await clockedApp.request("/v1/rules", { method: "POST", headers: secret, body: JSON.stringify(videoRule(rules.receiver.url)) })
    ).json();
    await clockedApp.request("/v1/batch", {
      method: "POST",
      headers: secret,
      body: JSON.stringify({
        writeKey: "server",
        sentAt: now(),
        events: [{ id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }],
      }),
    });
    const delivery = async () =>
      (await (await clockedApp.request(`/v1/rules/${rule.id}/runs`, { headers: secret })).json()).runs[0].deliveries[0];

    clock += 2_000;
    await clocked.tick();
    expect(await delivery()).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
    clock += 23 * 3_600_000;
    await clocked.tick();
    expect(await delivery()).toMatchObject({ status: "pending", attempts: 2, lastError: "HTTP 500" });
    clock += 2 * 3_600_000;
    await clocked.tick();
    expect(await delivery()).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: "HTTP 500; gave up after 24 hours",
      nextAttemptAt: null,
    });
    expect(rules.receiver.received).toHaveLength(3);
    await clocked.stop();
  });
});

describe("rules and sites", () => {
  it("keeps each site's rules to itself, and deleting a site deletes its rules and runs", async () => {
    const rule = (await rules.call("POST", "/v1/rules", videoRule(rules.receiver.url))).body;
    await sendAsServer([{ id: "v1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }]);
    const other = await rules.store.createSite({ name: "other", origins: [] });
    expect((await rules.call("GET", `/v1/rules/${rule.id}/runs`, undefined, other.secretKey)).status).toBe(404);
    expect((await rules.call("GET", "/v1/rules", undefined, other.secretKey)).body).toEqual({ rules: [] });

    const deleted = await rules.store.deleteSite(rules.site.id);
    expect(deleted).toMatchObject({ automation_rules: 1, automation_rule_versions: 1, automation_runs: 1 });
    expect(await rules.automation.store.listRules(rules.site.id)).toEqual([]);
  });
});

describe("rule versions and entry", () => {
  it("runs in flight keep the version they started with; new runs take the new one", async () => {
    const v1 = { name: "nudge", when: { event: "video_sent" }, wait: "PT1S", branches: [{ do: [{ webhook: rules.receiver.url("/v1") }] }] };
    const rule = (await rules.call("POST", "/v1/rules", v1)).body;
    await sendAsServer([{ id: "s1", type: "touchpoint", name: "video_sent", customerId: "ann", timestamp: now() }]);
    expect(
      (await rules.call("PATCH", `/v1/rules/${rule.id}`, { ...v1, branches: [{ do: [{ webhook: rules.receiver.url("/v2") }] }] })).body
        .version,
    ).toBe(2);
    await sendAsServer([{ id: "s2", type: "touchpoint", name: "video_sent", customerId: "bob", timestamp: now() }]);
    const hooks = await rules.receiver.waitFor(2);
    expect(hooks.map((h) => [h.path, JSON.parse(h.body).customerId, JSON.parse(h.body).rule.version]).sort()).toEqual([
      ["/v1", "ann", 1],
      ["/v2", "bob", 2],
    ]);
  });

  it("enters only triggers whose properties match where and persons in the audience, one run at a time", async () => {
    const rule = (
      await rules.call("POST", "/v1/rules", {
        name: "big carts of CFOs",
        when: { event: "begin_checkout", where: { value: { gte: 100 } }, audience: { trait: "persona", eq: "cfo" } },
        wait: "PT1S",
        branches: [{ do: [{ webhook: rules.receiver.url("/cfo") }] }],
      })
    ).body;
    await sendAsServer([
      { id: "i1", type: "identify", customerId: "ann", timestamp: now(), traits: { persona: "cfo" } },
      { id: "i2", type: "identify", customerId: "bob", timestamp: now(), traits: { persona: "developer" } },
    ]);
    await sendAsServer([
      { id: "c1", type: "touchpoint", name: "begin_checkout", customerId: "ann", timestamp: now(), properties: { value: 150 } },
      { id: "c2", type: "touchpoint", name: "begin_checkout", customerId: "ann", timestamp: now(), properties: { value: 300 } },
      { id: "c3", type: "touchpoint", name: "begin_checkout", customerId: "ann", timestamp: now(), properties: { value: 20 } },
      { id: "c4", type: "touchpoint", name: "begin_checkout", customerId: "bob", timestamp: now(), properties: { value: 500 } },
    ]);
    const runs = (await rules.call("GET", `/v1/rules/${rule.id}/runs`)).body.runs;
    expect(runs.map((r: { customerId: string; trigger: { eventId: string } }) => [r.customerId, r.trigger.eventId])).toEqual([
      ["ann", "c1"],
    ]);
    await rules.receiver.waitFor(1);
  });
});
