import { describe, expect, it } from "vitest";
import { chooseBranch, stepAt } from "./choose-branch.js";
import { conditionHolds, type ConditionContext } from "./conditions.js";
import type { RuleBody } from "./rule.js";

const ctx = (
  events: { name: string; properties?: Record<string, unknown> }[],
  extra: Partial<ConditionContext> = {},
): ConditionContext => ({
  events: events.map((e) => ({ name: e.name, properties: (e.properties ?? {}) as never })),
  currentStage: null,
  traits: {},
  ...extra,
});

describe("conditionHolds", () => {
  it("compares properties with eq, ne, gt, gte, lt, lte and in", () => {
    const c = ctx([{ name: "video_watched", properties: { percent: 25, format: "hd" } }]);
    const holds = (where: Record<string, object>) => conditionHolds({ event: "video_watched", where }, c);
    expect(holds({ percent: { eq: 25 } })).toBe(true);
    expect(holds({ percent: { eq: "25" } })).toBe(false);
    expect(holds({ percent: { ne: 25 } })).toBe(false);
    expect(holds({ percent: { gt: 25 } })).toBe(false);
    expect(holds({ percent: { gte: 25 } })).toBe(true);
    expect(holds({ percent: { lt: 26 } })).toBe(true);
    expect(holds({ percent: { lte: 24 } })).toBe(false);
    expect(holds({ percent: { gte: 10, lt: 50 }, format: { in: ["hd", "sd"] } })).toBe(true);
    expect(holds({ format: { gt: 3 } })).toBe(false);
    expect(holds({ missing: { ne: 1 } })).toBe(true);
    expect(holds({ missing: { eq: 1 } })).toBe(false);
  });

  it("reads event, noEvent, stage and trait, combined by all and any", () => {
    const c = ctx([{ name: "video_watched", properties: { percent: 10 } }], {
      currentStage: "evaluation",
      traits: { persona: "cfo", seats: 12 },
    });
    expect(conditionHolds({ event: "video_watched" }, c)).toBe(true);
    expect(conditionHolds({ event: "video_watched", where: { percent: { gte: 25 } } }, c)).toBe(false);
    expect(conditionHolds({ noEvent: "video_watched" }, c)).toBe(false);
    expect(conditionHolds({ noEvent: "purchase" }, c)).toBe(true);
    expect(conditionHolds({ stage: "evaluation" }, c)).toBe(true);
    expect(conditionHolds({ stage: "purchase" }, c)).toBe(false);
    expect(conditionHolds({ trait: "persona", in: ["cfo", "cto"] }, c)).toBe(true);
    expect(conditionHolds({ trait: "seats", gte: 20 }, c)).toBe(false);
    expect(conditionHolds({ all: [{ stage: "evaluation" }, { trait: "seats", gte: 20 }] }, c)).toBe(false);
    expect(conditionHolds({ any: [{ stage: "purchase" }, { trait: "seats", gte: 10 }] }, c)).toBe(true);
  });
});

const video: RuleBody = {
  name: "video follow-up",
  when: { event: "video_sent" },
  wait: "P3D",
  branches: [
    { if: { event: "video_watched", where: { percent: { gte: 25 } } }, do: [{ webhook: "https://crm.example/rest-of-video" }] },
    {
      if: { noEvent: "video_watched" },
      do: [{ webhook: "https://crm.example/reinvite" }, { track: "invite_resent" }, { then: { wait: "P1D", branches: [{ do: [] }] } }],
    },
    { do: [] },
  ],
};

describe("chooseBranch", () => {
  it("takes the first branch whose if holds, the one without if otherwise", () => {
    expect(chooseBranch(video.branches, ctx([{ name: "video_watched", properties: { percent: 40 } }]))).toBe(0);
    expect(chooseBranch(video.branches, ctx([]))).toBe(1);
    expect(chooseBranch(video.branches, ctx([{ name: "video_watched", properties: { percent: 5 } }]))).toBe(2);
    expect(chooseBranch(video.branches.slice(0, 2), ctx([{ name: "video_watched", properties: { percent: 5 } }]))).toBeNull();
  });

  it("finds a continuation by its path", () => {
    expect(stepAt(video, [])).toBe(video);
    expect(stepAt(video, [1, 2])?.wait).toBe("P1D");
    expect(stepAt(video, [1, 0])).toBeNull();
    expect(stepAt(video, [5, 0])).toBeNull();
  });
});
