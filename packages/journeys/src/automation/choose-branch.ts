/** Which branch of a step runs, and where in a rule's tree a run stands. */
import { conditionHolds, type ConditionContext } from "./conditions.js";
import type { Branch, RuleBody, Step } from "./rule.js";

/** The index of the first branch whose `if` holds (a branch without `if` always does), or null. */
export function chooseBranch(branches: readonly Branch[], ctx: ConditionContext): number | null {
  const index = branches.findIndex((b) => b.if === undefined || conditionHolds(b.if, ctx));
  return index === -1 ? null : index;
}

/**
 * A step of the tree by its path: [] is the rule itself; [b, a, ...] is the `then` of action a
 * of branch b of the step before. Null when the path leads nowhere (a rule version without it).
 */
export function stepAt(rule: RuleBody, path: readonly number[]): Step | null {
  let step: Step = rule;
  for (let i = 0; i < path.length; i += 2) {
    const action = step.branches[path[i]!]?.do[path[i + 1]!];
    if (!action || !("then" in action)) return null;
    step = action.then;
  }
  return step;
}
