/**
 * Where a person stands: when each stage was first entered, and the furthest stage reached.
 * Only stages that were actually entered are listed: reaching purchase directly does not
 * invent an awareness entry.
 */
import type { StageEntry } from "../types.js";
import type { StageModel } from "./stage-model.js";
import { compileStageModel } from "./stage-of.js";

export interface StageProgress {
  /** In model order. */
  stages: StageEntry[];
  /** The entered stage furthest along the model, or null before any. */
  currentStage: string | null;
}

/** Touches in any order; each stage's entry is its earliest touch. */
export function stageProgress(touches: Iterable<{ stage: string | null; timestamp: number }>, model: StageModel): StageProgress {
  const { stageIndex } = compileStageModel(model);
  const entered: (number | undefined)[] = new Array(model.stages.length);
  for (const touch of touches) {
    if (touch.stage === null) continue;
    const index = stageIndex.get(touch.stage);
    if (index === undefined) continue;
    const first = entered[index];
    if (first === undefined || touch.timestamp < first) entered[index] = touch.timestamp;
  }
  const stages: StageEntry[] = [];
  let currentStage: string | null = null;
  model.stages.forEach((stage, index) => {
    const time = entered[index];
    if (time === undefined) return;
    stages.push({ stage, enteredAt: time });
    currentStage = stage;
  });
  return { stages, currentStage };
}
