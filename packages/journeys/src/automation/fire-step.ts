/**
 * What a run does when a wait ends: the branch taken, its actions in order, and the next wait
 * when the branch continues with `then` (always its last action).
 */
import { chooseBranch, stepAt } from "./choose-branch.js";
import type { ConditionContext } from "./conditions.js";
import { parseIsoDuration } from "./iso-duration.js";
import type { RuleBody } from "./rule.js";

export type RuleAction =
  | { kind: "webhook"; url: string; index: number }
  | { kind: "track"; name: string; properties: Record<string, unknown>; index: number };

export interface StepOutcome {
  /** `[...stepPath, branchIndex].join(".")`: "1" is the rule's second branch, "1.2.0" the first branch of that branch's then (its third action). Null when no branch held. */
  branch: string | null;
  actions: RuleAction[];
  /** Where the run waits next, or null when it is done. */
  next: { path: number[]; waitMs: number } | null;
}

export function branchLabel(path: readonly number[], branch: number): string {
  return [...path, branch].join(".");
}

/** Null when the path leads nowhere in this rule (it cannot for a run of the version it started with). */
export function fireStep(rule: RuleBody, path: readonly number[], ctx: ConditionContext): StepOutcome | null {
  const step = stepAt(rule, path);
  if (!step) return null;
  const b = chooseBranch(step.branches, ctx);
  if (b === null) return { branch: null, actions: [], next: null };
  const actions: RuleAction[] = [];
  let next: StepOutcome["next"] = null;
  step.branches[b]!.do.forEach((action, index) => {
    if ("webhook" in action) actions.push({ kind: "webhook", url: action.webhook, index });
    else if ("track" in action) actions.push({ kind: "track", name: action.track, properties: action.properties ?? {}, index });
    else next = { path: [...path, b, index], waitMs: parseIsoDuration(action.then.wait) ?? 0 };
  });
  return { branch: branchLabel(path, b), actions, next };
}

/** The events of a run's context: those after the trigger (same time or later, other than the trigger itself) up to `until`. */
export function eventsAfterTrigger<E extends { id: string; timestamp: number }>(
  events: readonly E[],
  trigger: { id: string; timestamp: number },
  until: number,
): E[] {
  return events.filter((e) => e.id !== trigger.id && e.timestamp >= trigger.timestamp && e.timestamp <= until);
}
