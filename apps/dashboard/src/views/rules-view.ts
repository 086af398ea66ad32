import type { RuleActivity } from "../api-types.js";
import { h } from "../dom.js";
import { formatCount } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";

/**
 * A branch label in words: `1` is the rule's second branch, `1.2.0` the first branch of the `then`
 * that is that branch's third action; `none` a run no branch held for.
 */
export function branchName(label: string): string {
  if (label === "none") return "No branch held";
  const parts = label.split(".").map(Number);
  const steps = parts.filter((_, index) => index % 2 === 0).map((branch) => `branch ${branch + 1}`);
  const text = steps.join(" › then › ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} (${label})`;
}

/** Every rule with its runs by state and deliveries by status, then each rule's branches. */
export function renderRules(rules: readonly RuleActivity[]): HTMLElement {
  if (rules.length === 0) return emptyState("No automation rules yet: create one with POST /v1/rules or `touchpoint rules apply`.");
  return h(
    "div",
    { class: "rules" },
    dataTable(
      "Automation rules",
      [
        { label: "Rule" },
        { label: "Enabled" },
        { label: "Version", numeric: true },
        { label: "Waiting", numeric: true, definition: "Runs whose wait has not ended yet" },
        { label: "Done", numeric: true, definition: "Runs whose tree has ended" },
        { label: "Cancelled", numeric: true, definition: "Runs stopped: the person was erased, or the rule deleted" },
        { label: "Delivered", numeric: true, definition: "Webhooks the receiver accepted (2xx)" },
        { label: "Pending", numeric: true, definition: "Webhooks still being tried, with backoff, for 24 hours" },
        { label: "Failed", numeric: true, definition: "Webhooks given up on after 24 hours, or refused" },
      ],
      rules.map((rule) => [
        rule.name,
        rule.enabled ? "yes" : "no",
        formatCount(rule.version),
        formatCount(rule.runs.waiting),
        formatCount(rule.runs.done),
        formatCount(rule.runs.cancelled),
        formatCount(rule.deliveries.delivered),
        formatCount(rule.deliveries.pending),
        formatCount(rule.deliveries.failed),
      ]),
    ),
    ...rules.map((rule) =>
      rule.branches.length === 0
        ? h("p", { class: "empty" }, `${rule.name}: no branch taken yet.`)
        : dataTable(
            `Branches of ${rule.name}`,
            [
              { label: "Branch" },
              { label: "Runs", numeric: true, definition: "Runs that took this branch" },
              { label: "Delivered", numeric: true },
              { label: "Pending", numeric: true },
              { label: "Failed", numeric: true },
            ],
            rule.branches.map((branch) => [
              branchName(branch.branch),
              formatCount(branch.runs),
              formatCount(branch.deliveries.delivered),
              formatCount(branch.deliveries.pending),
              formatCount(branch.deliveries.failed),
            ]),
          ),
    ),
  );
}
