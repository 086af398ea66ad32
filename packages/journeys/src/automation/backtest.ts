/**
 * A rule run over history without acting: every trigger in [from, to) of every person (an event;
 * for stageEntered rules the person's entry into the stage; for stalled rules the moment, days
 * after the entry, when they were still in the stage) enters (at
 * most one run at a time per person unless reentry), and each wait ends with the branches
 * evaluated over the events that had happened by then. Runs whose wait ends after `asOf` are
 * counted as waiting.
 */
import { conditionHolds, whereHolds, type ConditionContext } from "./conditions.js";
import { eventsAfterTrigger, fireStep } from "./fire-step.js";
import { parseIsoDuration } from "./iso-duration.js";
import { DAY_MS } from "../time/day-ms.js";
import type { RuleBody } from "./rule.js";
import type { JourneyEvent } from "../types.js";

export interface BacktestPerson {
  /** In time order. */
  events: readonly JourneyEvent[];
  /** When the person first entered each stage (epoch ms), over all their events: stageEntered triggers. */
  stages: readonly { stage: string; time: number }[];
  /** The person's stage and traits as of a time (from their events up to it). */
  stateAt(time: number): Pick<ConditionContext, "currentStage" | "traits">;
}

export interface BacktestResult {
  /** Persons with at least one run. */
  persons: number;
  runs: number;
  /** Runs still waiting at asOf. */
  waiting: number;
  /** Runs per branch label (see fireStep); `none` counts waits where no branch held. */
  branches: Record<string, number>;
  /** Actions that would have been taken, by branch label and action index: `"1/0"`. */
  actions: { branch: string; index: number; kind: "webhook" | "track"; target: string; count: number }[];
}

export interface Backtest {
  add(person: BacktestPerson): void;
  result(): BacktestResult;
}

/** One person at a time, so a store can stream persons through it. */
export function createBacktest(rule: RuleBody, { from, to, asOf }: { from: number; to: number; asOf: number }): Backtest {
  const result: BacktestResult = { persons: 0, runs: 0, waiting: 0, branches: {}, actions: [] };
  const actions = new Map<string, BacktestResult["actions"][number]>();
  const waitMs = parseIsoDuration(rule.wait) ?? 0;
  const when = rule.when;
  /** The person's triggers in time order; a stage entry's id matches none of their events, as in a live run. */
  function triggersOf(person: BacktestPerson): { id: string; timestamp: number }[] {
    if ("event" in when) return person.events.filter((e) => e.name === when.event && whereHolds(e.properties, when.where));
    if ("stageEntered" in when)
      return person.stages
        .filter((s) => s.stage === when.stageEntered)
        .map((s) => ({ id: `stage:${s.stage}:${s.time}`, timestamp: s.time }));
    return person.stages
      .filter((s) => s.stage === when.stalled && person.stateAt(s.time + when.days * DAY_MS).currentStage === when.stalled)
      .map((s) => ({ id: `stalled:${s.stage}:${s.time}`, timestamp: s.time + when.days * DAY_MS }));
  }
  return {
    add(person) {
      let busyUntil = -Infinity;
      let entered = false;
      for (const trigger of triggersOf(person)) {
        if (trigger.timestamp < from || trigger.timestamp >= to) continue;
        if (!rule.reentry && trigger.timestamp < busyUntil) continue;
        if (when.audience && !conditionHolds(when.audience, { events: [], ...person.stateAt(trigger.timestamp) })) continue;
        result.runs++;
        entered = true;
        let due = trigger.timestamp + waitMs;
        let path: number[] = [];
        for (;;) {
          if (due > asOf) {
            result.waiting++;
            break;
          }
          const outcome = fireStep(rule, path, { events: eventsAfterTrigger(person.events, trigger, due), ...person.stateAt(due) })!;
          const label = outcome.branch ?? "none";
          result.branches[label] = (result.branches[label] ?? 0) + 1;
          for (const a of outcome.actions) {
            const key = `${label}/${a.index}`;
            const entry = actions.get(key) ?? {
              branch: label,
              index: a.index,
              kind: a.kind,
              target: a.kind === "webhook" ? a.url : a.name,
              count: 0,
            };
            entry.count++;
            actions.set(key, entry);
          }
          if (!outcome.next) break;
          path = outcome.next.path;
          due += outcome.next.waitMs;
        }
        busyUntil = due;
      }
      if (entered) result.persons++;
    },
    result() {
      const sorted = [...actions.values()].sort((a, b) => (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : a.index - b.index));
      return { ...result, branches: { ...result.branches }, actions: sorted.map((a) => ({ ...a })) };
    },
  };
}

export function backtestRule(
  rule: RuleBody,
  persons: Iterable<BacktestPerson>,
  window: { from: number; to: number; asOf: number },
): BacktestResult {
  const backtest = createBacktest(rule, window);
  for (const person of persons) backtest.add(person);
  return backtest.result();
}
