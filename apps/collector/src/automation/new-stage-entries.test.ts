import { describe, expect, it } from "vitest";
import { newStageEntries, stageTriggerId } from "./new-stage-entries.js";

const added = (id: string, time: number, type = "touchpoint") => ({ id, type, name: id, time });

describe("newStageEntries", () => {
  it("keeps the entries made by events stored since the previous pass", () => {
    const notice = {
      stagesEntered: [
        { stage: "consideration", time: 100 },
        { stage: "evaluation", time: 200 },
      ],
      eventsAdded: [added("e2", 200), added("e3", 300)],
    };
    expect(newStageEntries(notice)).toEqual([{ stage: "evaluation", time: 200 }]);
  });

  it("starts nothing for history seen anew: the first build on upgrade or a model rebuild adds no events, an identify moves older ones in", () => {
    expect(newStageEntries({ stagesEntered: [{ stage: "evaluation", time: 200 }], eventsAdded: [] })).toEqual([]);
    expect(newStageEntries({ stagesEntered: [{ stage: "evaluation", time: 200 }], eventsAdded: [added("id1", 500, "identify")] })).toEqual(
      [],
    );
    expect(newStageEntries({ stagesEntered: [{ stage: "evaluation", time: 200 }], eventsAdded: [added("id1", 200, "identify")] })).toEqual(
      [],
    );
  });

  it("names a stage entry the same way every time it is seen", () => {
    expect(stageTriggerId("evaluation", "c:ann", 1_700_000_000_000)).toBe("stage:evaluation:c:ann:1700000000000");
  });
});
