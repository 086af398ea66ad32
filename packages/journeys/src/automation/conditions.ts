/**
 * Rule conditions over one person when a wait ends: the events since the trigger, the current
 * stage and the traits. Comparisons are strict: `gt`/`gte`/`lt`/`lte` compare numbers with
 * numbers and strings with strings (ISO times sort as text), never a number with a string;
 * `eq`/`ne`/`in` compare with `===`, so `"25"` is not `25`.
 */
import type { JourneyEvent } from "../types.js";
import type { Comparison, Condition, Where } from "./rule.js";

export interface ConditionContext {
  /** The person's events after the trigger, in time order. */
  events: readonly Pick<JourneyEvent, "name" | "properties">[];
  currentStage: string | null;
  traits: Record<string, unknown>;
}

function ordered(value: unknown, bound: unknown, holds: (order: number) => boolean): boolean {
  if (typeof value === "number" && typeof bound === "number") return holds(value - bound);
  if (typeof value === "string" && typeof bound === "string") return holds(value < bound ? -1 : value > bound ? 1 : 0);
  return false;
}

export function comparisonHolds(value: unknown, c: Comparison): boolean {
  if ("eq" in c && value !== c.eq) return false;
  if ("ne" in c && value === c.ne) return false;
  if ("gt" in c && !ordered(value, c.gt, (o) => o > 0)) return false;
  if ("gte" in c && !ordered(value, c.gte, (o) => o >= 0)) return false;
  if ("lt" in c && !ordered(value, c.lt, (o) => o < 0)) return false;
  if ("lte" in c && !ordered(value, c.lte, (o) => o <= 0)) return false;
  if (c.in !== undefined && !c.in.includes(value)) return false;
  return true;
}

export function whereHolds(properties: Record<string, unknown>, where: Where | undefined): boolean {
  if (!where) return true;
  return Object.entries(where).every(([key, comparison]) =>
    comparisonHolds(Object.hasOwn(properties, key) ? properties[key] : undefined, comparison),
  );
}

export function conditionHolds(condition: Condition, ctx: ConditionContext): boolean {
  if ("all" in condition) return condition.all.every((c) => conditionHolds(c, ctx));
  if ("any" in condition) return condition.any.some((c) => conditionHolds(c, ctx));
  if ("event" in condition) return ctx.events.some((e) => e.name === condition.event && whereHolds(e.properties, condition.where));
  if ("noEvent" in condition) return !ctx.events.some((e) => e.name === condition.noEvent && whereHolds(e.properties, condition.where));
  if ("stage" in condition) return ctx.currentStage === condition.stage;
  const { trait, ...comparison } = condition;
  return comparisonHolds(Object.hasOwn(ctx.traits, trait) ? ctx.traits[trait] : undefined, comparison);
}
