/**
 * GET /v1/rule-activity: each automation rule of the site with what it has done so far: runs by
 * state, runs and webhook deliveries per branch taken, deliveries by status. Counted by the store
 * in groups, summed here.
 */
import type { AutomationStore, DeliveryGroup, DeliveryStatus, RunGroup, RunState, StoredRule } from "../store/automation-store.js";

export type DeliveryCounts = Record<DeliveryStatus, number>;

export interface BranchActivity {
  /** The branch label (`1` the rule's second branch, `1.2.0` a branch of its `then`), or `none`: done without a branch holding. */
  branch: string;
  runs: number;
  deliveries: DeliveryCounts;
}

export interface RuleActivity {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
  runs: Record<RunState, number>;
  /** Ordered by label; a run counts once under each branch it took. */
  branches: BranchActivity[];
  deliveries: DeliveryCounts;
}

/** What a done run that took no branch is counted under, as the backtest does. */
export const NO_BRANCH = "none";

const noDeliveries = (): DeliveryCounts => ({ pending: 0, delivered: 0, failed: 0 });

/** Sums the store's groups per rule, in the rules' order; groups of rules not listed are left out. */
export function sumRuleActivity(
  rules: readonly StoredRule[],
  runs: readonly RunGroup[],
  deliveries: readonly DeliveryGroup[],
): RuleActivity[] {
  const activity = new Map<string, RuleActivity>(
    rules.map((rule) => [
      rule.id,
      {
        id: rule.id,
        name: rule.body.name,
        enabled: rule.enabled,
        version: rule.version,
        runs: { waiting: 0, done: 0, cancelled: 0 },
        branches: [],
        deliveries: noDeliveries(),
      },
    ]),
  );
  const branchOf = (rule: RuleActivity, label: string): BranchActivity => {
    let branch = rule.branches.find((b) => b.branch === label);
    if (!branch) rule.branches.push((branch = { branch: label, runs: 0, deliveries: noDeliveries() }));
    return branch;
  };
  for (const group of runs) {
    const rule = activity.get(group.ruleId);
    if (!rule) continue;
    rule.runs[group.state] += group.runs;
    const taken = group.branches.length === 0 && group.state === "done" ? [NO_BRANCH] : group.branches;
    for (const label of taken) branchOf(rule, label).runs += group.runs;
  }
  for (const group of deliveries) {
    const rule = activity.get(group.ruleId);
    if (!rule) continue;
    rule.deliveries[group.status] += group.deliveries;
    branchOf(rule, group.branch).deliveries[group.status] += group.deliveries;
  }
  const result = [...activity.values()];
  for (const rule of result) rule.branches.sort((a, b) => a.branch.localeCompare(b.branch, "en", { numeric: true }));
  return result;
}

export async function ruleActivity(store: AutomationStore, siteId: string): Promise<RuleActivity[]> {
  const rules = await store.listRules(siteId);
  const { runs, deliveries } = await store.countRuns(siteId);
  return sumRuleActivity(rules, runs, deliveries);
}
