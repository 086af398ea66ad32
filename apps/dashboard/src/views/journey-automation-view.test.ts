import { describe, expect, it } from "vitest";
import type { RuleRun } from "../api-types.js";
import { journeyFixture } from "../fixtures/journey.js";
import { tableRows } from "../testing/table-text.js";
import { renderJourneyAutomation } from "./journey-automation-view.js";
import { renderJourney } from "./journey-view.js";
import { DEFAULT_STAGES } from "../context.js";

const run = (fields: Partial<RuleRun>): RuleRun => ({
  id: "run_1",
  ruleVersion: 1,
  customerId: "ada",
  trigger: { eventId: "e1", name: "begin_checkout", timestamp: "2026-03-02T10:00:00.000Z" },
  state: "done",
  dueAt: null,
  branches: ["0"],
  deliveries: [],
  createdAt: "2026-03-02T10:00:00.000Z",
  ...fields,
});

describe("renderJourneyAutomation", () => {
  it("shows each delivery with its rule, branch, status and attempts, and a run without webhooks once, oldest run first", () => {
    const view = renderJourneyAutomation([
      {
        ruleName: "abandoned cart",
        run: run({
          id: "run_2",
          createdAt: "2026-03-05T09:00:00.000Z",
          trigger: { eventId: "e2", name: "begin_checkout", timestamp: "2026-03-05T09:00:00.000Z" },
          deliveries: [
            { id: "d1", url: "https://crm.example/a", branch: "0", status: "delivered", attempts: 1, lastError: null },
            { id: "d2", url: "https://crm.example/b", branch: "0", status: "pending", attempts: 3, lastError: "HTTP 500" },
          ],
        }),
      },
      { ruleName: "video follow-up", run: run({ state: "waiting", branches: [], dueAt: "2026-03-03T10:00:00.000Z" }) },
    ]);
    expect(tableRows(view, "Automation runs and deliveries")).toEqual([
      ["video follow-up", "2026-03-02 10:00", "waiting", "–", "no webhook", "–", "–"],
      ["abandoned cart", "2026-03-05 09:00", "done", "Branch 1 (0)", "delivered", "1", "–"],
      ["abandoned cart", "2026-03-05 09:00", "done", "Branch 1 (0)", "pending", "3", "HTTP 500"],
    ]);
  });

  it("says when no rule ran for the person", () => {
    expect(renderJourneyAutomation([]).querySelector(".empty")?.textContent).toBe("No automation rule ran for this person.");
  });
});

describe("automation touchpoints in the journey", () => {
  it("are labelled with their rule in the chart and the table", () => {
    const [first] = journeyFixture.touchpoints;
    const reminder = {
      ...first!,
      id: "auto_run_1_0_1",
      name: "cart_reminder_sent",
      type: "touchpoint" as const,
      channel: "automation",
      properties: { rule: "rule_1", ruleName: "abandoned cart", branch: "0" },
      context: { channel: "automation" },
    };
    const view = renderJourney({ ...journeyFixture, touchpoints: [reminder] }, DEFAULT_STAGES);
    expect(view.querySelector("polygon.dot.automation title")?.textContent).toMatch(
      /^cart_reminder_sent \(automation: abandoned cart\) · /,
    );
    expect(tableRows(view, "Touchpoints in time order")[0]!.at(-1)).toBe("automation (abandoned cart)");
  });
});
