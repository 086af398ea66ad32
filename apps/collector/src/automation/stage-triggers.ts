import type { JourneyUpkeep } from "../upkeep/journey-upkeep.js";
import type { Automation } from "./automation.js";

export interface StageTriggers {
  /** Stops hearing notices and resolves once the runs already being started are stored: stop upkeep first, then this, then automation. */
  stop(): Promise<void>;
}

/**
 * Wakes automation's stageEntered and stalled rules after journey upkeep rebuilt a person who
 * entered a stage. The entries themselves come from the store: upkeep records them in the
 * transaction that rebuilt the person (startJourneyUpkeep's recordStageEntries, given
 * automation.stageEntriesToRecord), so a process that dies before their runs are stored leaves
 * them for the next one instead of losing them.
 */
export function connectStageTriggers(
  upkeep: JourneyUpkeep,
  automation: Automation,
  logError = (message: string, error: unknown) => console.error(`touchpoint: ${message}:`, error),
): StageTriggers {
  const starting = new Set<Promise<void>>();
  const unsubscribe = upkeep.subscribe((notice) => {
    if (automation.stageEntriesToRecord(notice).length === 0) return;
    const started = automation
      .takeStageEntries()
      .catch((error: unknown) => logError(`stage triggers of ${notice.personKey} failed`, error));
    starting.add(started);
    void started.finally(() => starting.delete(started));
  });
  return {
    async stop() {
      unsubscribe();
      await Promise.all(starting);
    },
  };
}
