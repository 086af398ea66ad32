import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "./default-models.js";
import { stageProgress } from "./stage-progress.js";

const t = (hour: number) => Date.parse(`2026-03-02T${String(hour).padStart(2, "0")}:00:00.000Z`);

describe("stageProgress", () => {
  it("lists each entered stage once, at its earliest touch, in model order; the furthest is current", () => {
    expect(
      stageProgress(
        [
          { stage: "evaluation", timestamp: t(12) },
          { stage: null, timestamp: t(8) },
          { stage: "awareness", timestamp: t(10) },
          { stage: "evaluation", timestamp: t(11) },
          { stage: "awareness", timestamp: t(9) },
          { stage: "awareness", timestamp: t(13) },
        ],
        DEFAULT_STAGE_MODEL,
      ),
    ).toEqual({
      stages: [
        { stage: "awareness", enteredAt: t(9) },
        { stage: "evaluation", enteredAt: t(11) },
      ],
      currentStage: "evaluation",
    });
  });

  it("does not invent earlier stages for a customer who starts further along", () => {
    expect(stageProgress([{ stage: "purchase", timestamp: t(9) }], DEFAULT_STAGE_MODEL)).toEqual({
      stages: [{ stage: "purchase", enteredAt: t(9) }],
      currentStage: "purchase",
    });
  });

  it("keeps the furthest stage current even when an earlier stage was entered after it", () => {
    expect(
      stageProgress(
        [
          { stage: "loyalty", timestamp: t(9) },
          { stage: "awareness", timestamp: t(15) },
        ],
        DEFAULT_STAGE_MODEL,
      ).currentStage,
    ).toBe("loyalty");
  });

  it("has no stage without staged touches", () => {
    expect(stageProgress([{ stage: null, timestamp: t(9) }], DEFAULT_STAGE_MODEL)).toEqual({ stages: [], currentStage: null });
  });
});
