/**
 * An automation rule as the engine reads it: a trigger, a wait, and branches evaluated when the
 * wait ends, whose actions may continue the tree with another wait. The collector validates the
 * JSON (its zod schema is typed against these) before anything here sees it.
 */

/** Comparisons of one value; every operator given must hold. */
export interface Comparison {
  eq?: unknown;
  ne?: unknown;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  in?: unknown[];
}

/** Property name -> comparisons: every property must satisfy its comparisons. */
export type Where = Record<string, Comparison>;

export type Condition =
  | { event: string; where?: Where }
  | { noEvent: string; where?: Where }
  | { stage: string }
  | ({ trait: string } & Comparison)
  | { all: Condition[] }
  | { any: Condition[] };

export type Trigger = ({ event: string; where?: Where } | { stageEntered: string } | { stalled: string; days: number }) & {
  /** Who may enter: a condition over the person when the trigger happens. */
  audience?: Condition;
};

export type Action = { webhook: string } | { track: string; properties?: Record<string, unknown> } | { then: Step };

export interface Branch {
  /** Absent: the else branch. */
  if?: Condition;
  do: Action[];
}

/** A wait, then the first branch whose `if` holds. */
export interface Step {
  /** ISO 8601 duration (PT3S, P3D). */
  wait: string;
  branches: Branch[];
}

export interface RuleBody extends Step {
  name: string;
  when: Trigger;
  /** A person may be in several runs of the rule at once; by default at most one. */
  reentry?: boolean;
  /** Default true. */
  enabled?: boolean;
}
