import type { RuleRun } from "../api-types.js";
import type { Child } from "../dom.js";
import { h } from "../dom.js";
import { formatCount, formatTime } from "../format.js";
import { dataTable, emptyState } from "./data-table.js";
import { branchName } from "./rules-view.js";

export interface PersonRun {
  ruleName: string;
  run: RuleRun;
}

/** The person's automation runs, one row per webhook delivery (a run without any has one row). */
export function renderJourneyAutomation(runs: readonly PersonRun[]): HTMLElement {
  const heading = h("h4", {}, "Automation runs and deliveries");
  if (runs.length === 0)
    return h("section", { class: "journey-automation" }, heading, emptyState("No automation rule ran for this person."));
  const ordered = [...runs].sort((a, b) => Date.parse(a.run.createdAt) - Date.parse(b.run.createdAt));
  const rows: Child[][] = ordered.flatMap(({ ruleName, run }) => {
    const common = [ruleName, formatTime(run.trigger.timestamp), run.state];
    if (run.deliveries.length === 0)
      return [[...common, run.branches.length > 0 ? run.branches.map(branchName).join(", ") : "–", "no webhook", "–", "–"]];
    return run.deliveries.map((delivery) => [
      ...common,
      branchName(delivery.branch),
      delivery.status,
      formatCount(delivery.attempts),
      delivery.lastError ?? "–",
    ]);
  });
  return h(
    "section",
    { class: "journey-automation" },
    dataTable(
      "Automation runs and deliveries",
      [
        { label: "Rule" },
        { label: "Triggered (UTC)" },
        { label: "Run" },
        { label: "Branch" },
        { label: "Webhook" },
        { label: "Attempts", numeric: true },
        { label: "Last error" },
      ],
      rows,
    ),
  );
}
