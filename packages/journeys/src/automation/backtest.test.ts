import { describe, expect, it } from "vitest";
import type { JourneyEvent } from "../types.js";
import { backtestRule, type BacktestPerson } from "./backtest.js";
import { fireStep } from "./fire-step.js";
import type { RuleBody } from "./rule.js";

const DAY = 86_400_000;

const rule: RuleBody = {
  name: "video follow-up",
  when: { event: "video_sent" },
  wait: "P3D",
  branches: [
    { if: { event: "video_watched", where: { percent: { gte: 25 } } }, do: [{ webhook: "https://crm.example/rest-of-video" }] },
    {
      if: { noEvent: "video_watched" },
      do: [
        { webhook: "https://crm.example/reinvite" },
        { track: "invite_resent" },
        { then: { wait: "P1D", branches: [{ if: { event: "video_watched" }, do: [{ track: "won_back" }] }] } },
      ],
    },
    { do: [] },
  ],
};

let seq = 0;
const event = (name: string, day: number, properties: Record<string, unknown> = {}): JourneyEvent => ({
  id: `e${++seq}`,
  type: "touchpoint",
  name,
  anonymousId: null,
  customerId: "c",
  sessionId: null,
  timestamp: day * DAY,
  properties: properties as JourneyEvent["properties"],
  traits: null,
  context: {},
  device: null,
});
const person = (...events: JourneyEvent[]): BacktestPerson => ({ events, stages: [], stateAt: () => ({ currentStage: null, traits: {} }) });

describe("fireStep", () => {
  it("lists the branch's actions with their index and the continuation's wait", () => {
    expect(fireStep(rule, [], { events: [], currentStage: null, traits: {} })).toEqual({
      branch: "1",
      actions: [
        { kind: "webhook", url: "https://crm.example/reinvite", index: 0 },
        { kind: "track", name: "invite_resent", properties: {}, index: 1 },
      ],
      next: { path: [1, 2], waitMs: DAY },
    });
    expect(fireStep(rule, [1, 2], { events: [], currentStage: null, traits: {} })).toEqual({ branch: null, actions: [], next: null });
  });
});

describe("backtestRule", () => {
  it("counts entries, branches and actions as a reader counts them by hand", () => {
    const history = [
      // Watched 40% on day 2: branch 0, one rest-of-video webhook.
      person(event("video_sent", 10), event("video_watched", 12, { percent: 40 })),
      // Nothing in 3 days: branch 1 (reinvite + invite_resent), then watched on day 13.5: branch 1.2.0.
      // The second video_sent on day 11 falls inside that run: no reentry, so it does not enter.
      person(event("video_sent", 10), event("video_sent", 11), event("video_watched", 13.5)),
      // Watched only 10%: the else branch, no action.
      person(event("video_sent", 10), event("video_watched", 11, { percent: 10 })),
      // Sent before `from`: not counted.
      person(event("video_sent", 1)),
      // Sent on day 19: due on day 22, after asOf: waiting.
      person(event("video_sent", 19)),
    ];
    expect(backtestRule(rule, history, { from: 5 * DAY, to: 20 * DAY, asOf: 21 * DAY })).toEqual({
      persons: 4,
      runs: 4,
      waiting: 1,
      branches: { "0": 1, "1": 1, "1.2.0": 1, "2": 1 },
      actions: [
        { branch: "0", index: 0, kind: "webhook", target: "https://crm.example/rest-of-video", count: 1 },
        { branch: "1", index: 0, kind: "webhook", target: "https://crm.example/reinvite", count: 1 },
        { branch: "1", index: 1, kind: "track", target: "invite_resent", count: 1 },
        { branch: "1.2.0", index: 0, kind: "track", target: "won_back", count: 1 },
      ],
    });
  });

  it("lets a person in again while a run waits when the rule says reentry", () => {
    const history = [person(event("video_sent", 10), event("video_sent", 11))];
    expect(backtestRule({ ...rule, reentry: true }, history, { from: 0, to: 20 * DAY, asOf: 30 * DAY }).runs).toBe(2);
    expect(backtestRule(rule, history, { from: 0, to: 20 * DAY, asOf: 30 * DAY }).runs).toBe(1);
  });

  it("enters stageEntered rules at the person's first touchpoint of the stage, the events from then on deciding the branch", () => {
    const salesCall: RuleBody = {
      name: "sales call",
      when: { stageEntered: "evaluation" },
      wait: "P1D",
      branches: [{ if: { event: "purchase" }, do: [{ track: "won" }] }, { do: [{ webhook: "https://crm.example/call" }] }],
    };
    const inStage = (stages: { stage: string; day: number }[], ...events: JourneyEvent[]): BacktestPerson => ({
      ...person(...events),
      stages: stages.map((s) => ({ stage: s.stage, time: s.day * DAY })),
    });
    const history = [
      // Bought half a day after entering evaluation: branch 0.
      inStage(
        [
          { stage: "consideration", day: 1 },
          { stage: "evaluation", day: 2 },
        ],
        event("catalog_view", 1),
        event("review_read", 2),
        event("purchase", 2.5),
      ),
      // Nothing after entering: branch 1, the webhook.
      inStage([{ stage: "evaluation", day: 3 }], event("review_read", 3), event("review_read", 3.5)),
      // Never in evaluation, or entered after `to`: no run.
      inStage([{ stage: "consideration", day: 4 }], event("catalog_view", 4)),
      inStage([{ stage: "evaluation", day: 30 }], event("review_read", 30)),
    ];
    expect(backtestRule(salesCall, history, { from: 0, to: 20 * DAY, asOf: 40 * DAY })).toEqual({
      persons: 2,
      runs: 2,
      waiting: 0,
      branches: { "0": 1, "1": 1 },
      actions: [
        { branch: "0", index: 0, kind: "track", target: "won", count: 1 },
        { branch: "1", index: 0, kind: "webhook", target: "https://crm.example/call", count: 1 },
      ],
    });
  });

  it("enters stalled rules days after the entry, only for persons still in the stage then", () => {
    const stalled: RuleBody = {
      name: "stalled",
      when: { stalled: "evaluation", days: 7 },
      wait: "P1D",
      branches: [{ do: [{ webhook: "https://crm.example/call" }] }],
    };
    const evaluating = (enteredDay: number, laterStageDay: number | null): BacktestPerson => ({
      ...person(event("review_read", enteredDay)),
      stages: [{ stage: "evaluation", time: enteredDay * DAY }],
      stateAt: (time) => ({ currentStage: laterStageDay !== null && time >= laterStageDay * DAY ? "purchase" : "evaluation", traits: {} }),
    });
    const history = [
      // Still in evaluation on day 8: enters then, fires on day 9.
      evaluating(1, null),
      // Bought on day 5, before the 7 days: no run. Bought on day 12, after: a run.
      evaluating(1, 5),
      evaluating(2, 12),
      // Entered on day 15: stalled on day 22, after `to`.
      evaluating(15, null),
    ];
    expect(backtestRule(stalled, history, { from: 0, to: 20 * DAY, asOf: 30 * DAY })).toEqual({
      persons: 2,
      runs: 2,
      waiting: 0,
      branches: { "0": 2 },
      actions: [{ branch: "0", index: 0, kind: "webhook", target: "https://crm.example/call", count: 2 }],
    });
  });
});
