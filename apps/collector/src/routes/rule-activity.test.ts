import { describe, expect, it } from "vitest";
import { useRulesApp } from "../testing/rules-app.js";

const rules = useRulesApp("tp-rule-activity-");
const now = () => new Date().toISOString();
const sent = (id: string, customerId: string) => ({ id, type: "touchpoint", name: "video_sent", customerId, timestamp: now() });
const watched = (id: string, customerId: string, percent: number) => ({
  id,
  type: "touchpoint",
  name: "video_watched",
  customerId,
  timestamp: now(),
  properties: { percent },
});
const none = { pending: 0, delivered: 0, failed: 0 };

describe("GET /v1/rule-activity", () => {
  it("counts each rule's runs by state and branch, and its deliveries by branch and status", async () => {
    const followUp = (
      await rules.call("POST", "/v1/rules", {
        name: "video follow-up",
        when: { event: "video_sent" },
        wait: "PT2S",
        branches: [
          { if: { event: "video_watched", where: { percent: { gte: 25 } } }, do: [{ webhook: rules.receiver.url("/rest-of-video") }] },
          // Nothing listens on port 1: the delivery fails its attempts and stays pending, retried.
          { if: { noEvent: "video_watched" }, do: [{ webhook: "http://127.0.0.1:1/reinvite" }, { track: "invite_resent" }] },
        ],
      })
    ).body;
    const daily = (
      await rules.call("POST", "/v1/rules", { name: "daily check", when: { event: "video_sent" }, wait: "P1D", branches: [{ do: [] }] })
    ).body;
    await rules.call("POST", "/v1/batch", {
      writeKey: "server",
      sentAt: now(),
      events: [
        sent("s1", "ann"),
        sent("s2", "bob"),
        sent("s3", "cy"),
        sent("s4", "dee"),
        watched("w1", "ann", 40),
        watched("w2", "bob", 10),
      ],
    });
    // Erased during the wait: dee's runs are cancelled in both rules.
    expect((await rules.call("DELETE", "/v1/customers/dee")).status).toBe(200);
    await rules.receiver.waitFor(1);
    const runsOf = async (ruleId: string) => (await rules.call("GET", `/v1/rules/${ruleId}/runs`)).body.runs;
    await expect
      .poll(async () =>
        (await runsOf(followUp.id)).flatMap((r: { deliveries: { attempts: number }[] }) => r.deliveries.map((d) => d.attempts > 0)),
      )
      .toEqual([true, true]);

    const answer = await rules.call("GET", "/v1/rule-activity");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      rules: [
        {
          id: followUp.id,
          name: "video follow-up",
          enabled: true,
          version: 1,
          runs: { waiting: 0, done: 3, cancelled: 1 },
          branches: [
            { branch: "0", runs: 1, deliveries: { ...none, delivered: 1 } },
            { branch: "1", runs: 1, deliveries: { ...none, pending: 1 } },
            { branch: "none", runs: 1, deliveries: none },
          ],
          deliveries: { pending: 1, delivered: 1, failed: 0 },
        },
        {
          id: daily.id,
          name: "daily check",
          enabled: true,
          version: 1,
          runs: { waiting: 3, done: 0, cancelled: 1 },
          branches: [],
          deliveries: none,
        },
      ],
    });
  });

  it("lists a rule without runs with zeros, follows enabled and version, and needs the secret key", async () => {
    const rule = (await rules.call("POST", "/v1/rules", { name: "quiet", when: { event: "never" }, wait: "PT1S", branches: [{ do: [] }] }))
      .body;
    await rules.call("PATCH", `/v1/rules/${rule.id}`, { enabled: false });
    expect((await rules.call("GET", "/v1/rule-activity")).body).toEqual({
      rules: [
        {
          id: rule.id,
          name: "quiet",
          enabled: false,
          version: 1,
          runs: { waiting: 0, done: 0, cancelled: 0 },
          branches: [],
          deliveries: none,
        },
      ],
    });
    expect(await rules.call("GET", "/v1/rule-activity", undefined, rules.site.readKey)).toEqual({
      status: 403,
      body: { error: { code: "wrong_key", message: "this is the read key; this endpoint needs the site's secret key" } },
    });
  });

  it("is documented in /openapi.json", async () => {
    const doc = await (await rules.app.request("/openapi.json")).json();
    expect(doc.paths["/v1/rule-activity"].get.security).toEqual([{ secretKey: [] }]);
    expect(Object.keys(doc.components.schemas.RuleActivity.properties)).toEqual([
      "id",
      "name",
      "enabled",
      "version",
      "runs",
      "branches",
      "deliveries",
    ]);
  });
});
