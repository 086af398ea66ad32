/** What every AutomationStore does, run on SQLite and PostgreSQL alike. */
import { beforeEach, afterEach, describe, expect, it } from "vitest";
import type { RuleBody } from "@touchpoint/journeys";
import type { AutomationStore, NewRun } from "./automation-store.js";
import { idDigestBuilder } from "./journey-store-behaviour.js";
import { eventRow } from "./store-behaviour.js";
import type { Store } from "./store.js";

/** Automation's store beside the collector's, on one database (stage entries are written by the collector's upkeep). */
export interface AutomationStores {
  automation: AutomationStore;
  events: Store;
}

const body: RuleBody = {
  name: "video follow-up",
  when: { event: "video_sent" },
  wait: "PT3S",
  branches: [{ do: [{ webhook: "https://crm.example/x" }] }],
};

const run = (over: Partial<NewRun> = {}): NewRun => ({
  siteId: "site_a",
  ruleId: "rule_x",
  ruleVersion: 1,
  reentry: false,
  trigger: { eventId: "evt_1", name: "video_sent", timestamp: 1_000 },
  personKey: "c:ann",
  customerId: "ann",
  anonymousId: null,
  dueAt: 4_000,
  ...over,
});

export function describeAutomationStoreBehaviour(name: string, open: () => Promise<AutomationStores>): void {
  describe(`${name} automation store`, () => {
    let store: AutomationStore;
    let events: Store;
    beforeEach(async () => {
      ({ automation: store, events } = await open());
    });
    afterEach(async () => {
      await store.close();
      await events.close();
    });

    it("keeps rules per site with versions: runs keep theirs", async () => {
      const rule = await store.createRule("site_a", body, "whsec_1", 100);
      expect(rule).toEqual({
        id: rule.id,
        siteId: "site_a",
        version: 1,
        enabled: true,
        signingSecret: "whsec_1",
        body: { ...body, reentry: false },
        createdAt: 100,
        updatedAt: 100,
      });
      expect(await store.findRule("site_b", rule.id)).toBeNull();
      expect((await store.listRules("site_a")).map((r) => r.id)).toEqual([rule.id]);

      const v2 = await store.replaceRuleBody("site_a", rule.id, { ...body, wait: "P1D" }, 200);
      expect(v2).toMatchObject({ version: 2, enabled: true, updatedAt: 200, body: { wait: "P1D" } });
      expect((await store.ruleVersion(rule.id, 1))?.wait).toBe("PT3S");
      expect((await store.ruleVersion(rule.id, 2))?.wait).toBe("P1D");

      expect(await store.setRuleEnabled("site_a", rule.id, false, 300)).toMatchObject({ version: 2, enabled: false });
      expect(await store.enabledRules("site_a")).toEqual([]);
      expect(await store.setRuleEnabled("site_b", rule.id, true, 300)).toBeNull();

      expect(await store.deleteRule("site_b", rule.id)).toBe(false);
      expect(await store.deleteRule("site_a", rule.id)).toBe(true);
      expect(await store.listRules("site_a")).toEqual([]);
      expect(await store.ruleVersion(rule.id, 1)).toBeNull();
    });

    it("starts one run per trigger event, and one waiting run per person unless reentry", async () => {
      expect(await store.startRuns([run(), run()], 10)).toBe(1);
      expect(await store.startRuns([run()], 11)).toBe(0);
      expect(await store.startRuns([run({ trigger: { eventId: "evt_2", name: "video_sent", timestamp: 2_000 } })], 12)).toBe(0);
      expect(await store.startRuns([run({ trigger: { eventId: "evt_3", name: "video_sent", timestamp: 2_000 }, reentry: true })], 13)).toBe(
        1,
      );
      expect(
        await store.startRuns(
          [run({ trigger: { eventId: "evt_4", name: "video_sent", timestamp: 2_000 }, personKey: "c:bob", customerId: "bob" })],
          14,
        ),
      ).toBe(1);
      const runs = await store.listRuns("site_a", "rule_x", { limit: 10 });
      expect(runs.map((r) => [r.trigger.eventId, r.state, r.dueAt])).toEqual([
        ["evt_4", "waiting", 4_000],
        ["evt_3", "waiting", 4_000],
        ["evt_1", "waiting", 4_000],
      ]);
      expect((await store.listRuns("site_a", "rule_x", { customerId: "bob", limit: 10 })).map((r) => r.trigger.eventId)).toEqual(["evt_4"]);
    });

    it("leases due runs to one claimer, completes a step once, and queues its deliveries", async () => {
      await store.startRuns(
        [
          run(),
          run({
            trigger: { eventId: "evt_late", name: "video_sent", timestamp: 1_000 },
            personKey: "c:cy",
            customerId: "cy",
            dueAt: 9_000,
          }),
        ],
        10,
      );
      const [claimed, ...others] = await store.claimDueRuns(5_000, 10, 30_000);
      expect(others).toEqual([]);
      expect(claimed).toMatchObject({ trigger: { eventId: "evt_1" }, stepPath: [], branches: [], state: "waiting" });
      expect(await store.claimDueRuns(5_000, 10, 30_000)).toEqual([]);

      const result = {
        branch: "0",
        deliveries: [{ id: "dlv_1", url: "https://crm.example/x", branch: "0", body: '{"a":1}' }],
        next: { path: [0, 1], dueAt: 8_000 },
        customerId: "ann",
      };
      expect(await store.completeSteps([{ run: claimed!, result }], 5_100)).toEqual([true]);
      expect(await store.completeSteps([{ run: claimed!, result }], 5_200)).toEqual([false]);
      const [after] = await store.listRuns("site_a", "rule_x", { customerId: "ann", limit: 10 });
      expect(after).toMatchObject({ state: "waiting", stepPath: [0, 1], dueAt: 8_000, branches: ["0"] });
      expect(after!.deliveries.map((d) => [d.id, d.status, d.attempts, d.nextAttemptAt, d.giveUpAt])).toEqual([
        ["dlv_1", "pending", 0, 5_100, 5_100 + 86_400_000],
      ]);

      const [again] = await store.claimDueRuns(8_000, 10, 30_000);
      expect(
        await store.completeSteps([{ run: again!, result: { branch: null, deliveries: [], next: null, customerId: "ann" } }], 8_100),
      ).toEqual([true]);
      expect(
        (await store.listRuns("site_a", "rule_x", { state: "done", limit: 10 })).map((r) => [r.trigger.eventId, r.dueAt, r.branches]),
      ).toEqual([["evt_1", null, ["0"]]]);
      expect(await store.startRuns([run({ trigger: { eventId: "evt_5", name: "video_sent", timestamp: 9_000 } })], 9_000)).toBe(1);
    });

    it("retries a delivery until delivered or failed", async () => {
      await store.startRuns([run()], 10);
      const [claimed] = await store.claimDueRuns(5_000, 10, 30_000);
      const deliveries = ["dlv_a", "dlv_b"].map((id) => ({ id, url: "https://crm.example/x", branch: "0", body: "{}" }));
      await store.completeSteps([{ run: claimed!, result: { branch: "0", deliveries, next: null, customerId: "ann" } }], 5_000);
      expect((await store.claimDueDeliveries(5_000, 10, 20_000)).map((d) => d.id).sort()).toEqual(["dlv_a", "dlv_b"]);
      expect(await store.claimDueDeliveries(5_000, 10, 20_000)).toEqual([]);
      await store.recordAttempt("dlv_a", { retryAt: 6_000, error: "HTTP 500" }, 5_001);
      await store.recordAttempt("dlv_b", { delivered: true }, 5_002);
      expect(await store.claimDueDeliveries(5_999, 10, 20_000)).toEqual([]);
      expect((await store.claimDueDeliveries(6_000, 10, 20_000)).map((d) => [d.id, d.attempts, d.lastError])).toEqual([
        ["dlv_a", 1, "HTTP 500"],
      ]);
      await store.recordAttempt("dlv_a", { failed: true, error: "HTTP 500 for 24 hours" }, 7_000);
      const [listed] = await store.listRuns("site_a", "rule_x", { limit: 10 });
      expect(listed!.deliveries.map((d) => [d.id, d.status, d.attempts, d.lastError, d.deliveredAt])).toEqual([
        ["dlv_a", "failed", 2, "HTTP 500 for 24 hours", null],
        ["dlv_b", "delivered", 1, null, 5_002],
      ]);
    });

    it("counts waiting runs and outbox rows by status, over every site", async () => {
      expect(await store.countOpenWork()).toEqual({ waitingRuns: 0, deliveries: { pending: 0, delivered: 0, failed: 0 } });
      await store.startRuns(
        [
          run(),
          run({ trigger: { eventId: "evt_b", name: "video_sent", timestamp: 1_000 }, personKey: "c:bob", customerId: "bob", dueAt: 9_000 }),
        ],
        10,
      );
      await store.startRuns(
        [run({ siteId: "site_b", ruleId: "rule_y", trigger: { eventId: "evt_c", name: "video_sent", timestamp: 1_000 }, dueAt: 9_000 })],
        10,
      );
      const [claimed] = await store.claimDueRuns(5_000, 1, 30_000);
      const deliveries = ["dlv_a", "dlv_b", "dlv_c"].map((id) => ({ id, url: "https://crm.example/x", branch: "0", body: "{}" }));
      await store.completeSteps(
        [{ run: claimed!, result: { branch: "0", deliveries, next: null, customerId: claimed!.customerId } }],
        5_000,
      );
      await store.recordAttempt("dlv_a", { delivered: true }, 5_001);
      await store.recordAttempt("dlv_b", { failed: true, error: "HTTP 410" }, 5_002);
      expect(await store.countOpenWork()).toEqual({ waitingRuns: 2, deliveries: { pending: 1, delivered: 1, failed: 1 } });
    });

    it("counts one site's runs by rule, state and branches taken, and its deliveries by branch and status", async () => {
      expect(await store.countRuns("site_a")).toEqual({ runs: [], deliveries: [] });
      await store.startRuns(
        [
          run(),
          run({ trigger: { eventId: "evt_b", name: "video_sent", timestamp: 1_000 }, personKey: "c:bob", customerId: "bob", dueAt: 9_000 }),
          run({ siteId: "site_b", ruleId: "rule_y", trigger: { eventId: "evt_c", name: "video_sent", timestamp: 1_000 } }),
        ],
        10,
      );
      const claimed = await store.claimDueRuns(5_000, 10, 30_000);
      await store.completeSteps(
        claimed.map((r) => ({
          run: r,
          result: {
            branch: "1",
            deliveries: ["a", "b"].map((x) => ({ id: `dlv_${r.siteId}_${x}`, url: "https://crm.example/x", branch: "1", body: "{}" })),
            next: null,
            customerId: r.customerId,
          },
        })),
        5_000,
      );
      await store.recordAttempt("dlv_site_a_a", { delivered: true }, 5_001);
      const counted = await store.countRuns("site_a");
      const byText = <T>(rows: T[]) => rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(byText(counted.runs)).toEqual([
        { ruleId: "rule_x", state: "done", branches: ["1"], runs: 1 },
        { ruleId: "rule_x", state: "waiting", branches: [], runs: 1 },
      ]);
      expect(byText(counted.deliveries)).toEqual([
        { ruleId: "rule_x", branch: "1", status: "delivered", deliveries: 1 },
        { ruleId: "rule_x", branch: "1", status: "pending", deliveries: 1 },
      ]);
    });

    it("erasure cancels the customer's waiting runs, deletes their outbox rows and keeps no id of theirs", async () => {
      await store.startRuns(
        [run(), run({ trigger: { eventId: "evt_b", name: "video_sent", timestamp: 1_000 }, personKey: "c:bob", customerId: "bob" })],
        10,
      );
      const claimed = await store.claimDueRuns(5_000, 10, 30_000);
      const steps = claimed.map((run) => ({
        run,
        result: {
          branch: "0",
          deliveries: [{ id: `dlv_${run.customerId}`, url: "https://crm.example/x", branch: "0", body: "{}" }],
          next: { path: [0, 0], dueAt: 9_000 },
          customerId: run.customerId,
        },
      }));
      expect(await store.completeSteps(steps, 5_000)).toEqual([true, true]);
      expect(await store.forgetCustomer("site_a", "ann", 6_000)).toEqual({ cancelledRuns: 1, deletedDeliveries: 1 });
      const runs = await store.listRuns("site_a", "rule_x", { limit: 10 });
      expect(runs.map((r) => [r.customerId, r.state, r.deliveries.map((d) => d.id)]).sort()).toEqual([
        [null, "cancelled", []],
        ["bob", "waiting", ["dlv_bob"]],
      ]);
      expect((await store.claimDueRuns(10_000, 10, 30_000)).map((r) => r.customerId)).toEqual(["bob"]);
    });

    it("prunes runs finished before a time, with their outbox rows, but none waiting or with a delivery pending", async () => {
      const trigger = (eventId: string) => ({ eventId, name: "video_sent", timestamp: 1_000 });
      const people = ["ann", "bob", "cy", "dee", "eve"];
      await store.startRuns(
        people.map((p) => run({ trigger: trigger(`evt_${p}`), personKey: `c:${p}`, customerId: p })),
        10,
      );
      const claimed = await store.claimDueRuns(5_000, 10, 30_000);
      const byPerson = new Map(claimed.map((r) => [r.customerId, r]));
      const done = (p: string, at: number) =>
        store.completeSteps(
          [
            {
              run: byPerson.get(p)!,
              result: {
                branch: "0",
                deliveries: [{ id: `dlv_${p}`, url: "https://crm.example/x", branch: "0", body: "{}" }],
                next: null,
                customerId: p,
              },
            },
          ],
          at,
        );
      // ann: done at 6,000, delivered; bob: done at 6,000, failed; cy: done at 6,000, still pending;
      // dee: cancelled at 6,000; eve: done at 9,000 (after the cut), delivered.
      await done("ann", 6_000);
      await done("bob", 6_000);
      await done("cy", 6_000);
      await done("eve", 9_000);
      await store.recordAttempt("dlv_ann", { delivered: true }, 6_100);
      await store.recordAttempt("dlv_bob", { failed: true, error: "HTTP 410" }, 6_100);
      await store.recordAttempt("dlv_eve", { delivered: true }, 9_100);
      expect(await store.cancelRun(byPerson.get("dee")!.id, 6_000)).toBe(true);
      await store.startRuns([run({ trigger: trigger("evt_fay"), personKey: "c:fay", customerId: "fay", dueAt: 50_000 })], 100);

      // Two at a time: ann, bob and dee (in some order), then nothing.
      const first = await store.pruneFinished(8_000, 2);
      const second = await store.pruneFinished(8_000, 2);
      expect([first.runs, second.runs, first.deliveries + second.deliveries]).toEqual([2, 1, 2]);
      expect(await store.pruneFinished(8_000, 2)).toEqual({ runs: 0, deliveries: 0 });
      const left = await store.listRuns("site_a", "rule_x", { limit: 10 });
      expect(left.map((r) => [r.customerId, r.state, r.deliveries.map((d) => d.status)]).sort()).toEqual([
        ["cy", "done", ["pending"]],
        ["eve", "done", ["delivered"]],
        ["fay", "waiting", []],
      ]);
      expect(await store.countOpenWork()).toEqual({ waitingRuns: 1, deliveries: { pending: 1, delivered: 1, failed: 0 } });
    });

    it("keeps the stage entries upkeep records until the runs they start are stored, and drops them on erasure", async () => {
      await events.insertEvents([
        eventRow("e1", { customerId: "ann", personKey: "c:ann", anonymousId: null, timestamp: 1_000 }),
        eventRow("e2", { customerId: "bob", personKey: "c:bob", anonymousId: null, timestamp: 2_000 }),
      ]);
      const record = (change: { personKey: string }) => [{ stage: "evaluation", time: change.personKey === "c:ann" ? 1_000 : 2_000 }];
      await events.upkeepJourneyDigests("site_a", idDigestBuilder(), undefined, record);
      const entries = await store.recordedStageEntries(10);
      expect(entries.map(({ recordedAt, ...entry }) => entry)).toEqual([
        { siteId: "site_a", personKey: "c:ann", stage: "evaluation", enteredAt: 1_000 },
        { siteId: "site_a", personKey: "c:bob", stage: "evaluation", enteredAt: 2_000 },
      ]);
      expect(entries.every((e) => Number.isInteger(e.recordedAt) && e.recordedAt > 0)).toBe(true);

      // Another pass over the same persons records nothing twice.
      await events.insertEvents([eventRow("e3", { customerId: "ann", personKey: "c:ann", anonymousId: null, timestamp: 3_000 })]);
      await events.upkeepJourneyDigests("site_a", idDigestBuilder(), undefined, record);
      expect(await store.recordedStageEntries(10)).toEqual(entries);

      const stageRun = run({ trigger: { eventId: "stage:evaluation:c:ann:1000", name: "evaluation", timestamp: 1_000 } });
      expect(await store.startRuns([stageRun], 10, [entries[0]!])).toBe(1);
      expect(await store.recordedStageEntries(10)).toEqual([entries[1]]);
      // A replay of a handled entry starts nothing again.
      expect(await store.startRuns([stageRun], 20, [])).toBe(0);

      await store.forgetCustomer("site_a", "bob", 30);
      expect(await store.recordedStageEntries(10)).toEqual([]);
    });
  });
}
