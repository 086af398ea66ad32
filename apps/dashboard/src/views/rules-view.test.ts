import { describe, expect, it } from "vitest";
import type { RuleActivity } from "../api-types.js";
import { tableHeaders, tableRows } from "../testing/table-text.js";
import { branchName, renderRules } from "./rules-view.js";

const counts = (pending: number, delivered: number, failed: number) => ({ pending, delivered, failed });
const followUp: RuleActivity = {
  id: "rule_1",
  name: "video <b>follow-up</b>",
  enabled: true,
  version: 2,
  runs: { waiting: 4, done: 1200, cancelled: 3 },
  branches: [
    { branch: "0", runs: 700, deliveries: counts(0, 700, 0) },
    { branch: "1", runs: 450, deliveries: counts(2, 440, 8) },
    { branch: "1.2.0", runs: 30, deliveries: counts(0, 30, 0) },
    { branch: "none", runs: 50, deliveries: counts(0, 0, 0) },
  ],
  deliveries: counts(2, 1170, 8),
};
const quiet: RuleActivity = {
  id: "rule_2",
  name: "stalled call",
  enabled: false,
  version: 1,
  runs: { waiting: 0, done: 0, cancelled: 0 },
  branches: [],
  deliveries: counts(0, 0, 0),
};

describe("branchName", () => {
  it("numbers branches from 1 and follows a then into its own branches", () => {
    expect(["0", "1", "1.2.0", "0.1.3.0.2", "none"].map(branchName)).toEqual([
      "Branch 1 (0)",
      "Branch 2 (1)",
      "Branch 2 › then › branch 1 (1.2.0)",
      "Branch 1 › then › branch 4 › then › branch 3 (0.1.3.0.2)",
      "No branch held",
    ]);
  });
});

describe("renderRules", () => {
  it("lists every rule with its runs by state and deliveries by status, then each rule's branches", () => {
    const view = renderRules([followUp, quiet]);
    expect(tableHeaders(view, "Automation rules")).toEqual([
      "Rule",
      "Enabled",
      "Version",
      "Waiting (Runs whose wait has not ended yet)",
      "Done (Runs whose tree has ended)",
      "Cancelled (Runs stopped: the person was erased, or the rule deleted)",
      "Delivered (Webhooks the receiver accepted (2xx))",
      "Pending (Webhooks still being tried, with backoff, for 24 hours)",
      "Failed (Webhooks given up on after 24 hours, or refused)",
    ]);
    expect(tableRows(view, "Automation rules")).toEqual([
      ["video <b>follow-up</b>", "yes", "2", "4", "1,200", "3", "1,170", "2", "8"],
      ["stalled call", "no", "1", "0", "0", "0", "0", "0", "0"],
    ]);
    expect(tableRows(view, "Branches of video <b>follow-up</b>")).toEqual([
      ["Branch 1 (0)", "700", "700", "0", "0"],
      ["Branch 2 (1)", "450", "440", "2", "8"],
      ["Branch 2 › then › branch 1 (1.2.0)", "30", "30", "0", "0"],
      ["No branch held", "50", "0", "0", "0"],
    ]);
    expect(view.querySelector("p.empty")?.textContent).toBe("stalled call: no branch taken yet.");
    expect(view.querySelector("b")).toBeNull();
  });

  it("says how to make a rule when there is none", () => {
    expect(renderRules([]).textContent).toBe("No automation rules yet: create one with POST /v1/rules or `touchpoint rules apply`.");
  });
});
