import type { JourneyUpkeep } from "../upkeep/journey-upkeep.js";
import type { Automation } from "./automation.js";

export interface StageTriggers {
  /** Stops hearing notices and resolves once the runs already being started are stored: stop upkeep first, then this, then automation. */
  stop(): Promise<void>;
}

/**
 * Feeds journey upkeep's notices to automation's stageEntered and stalled rules. A notice is heard once,
 * right after upkeep's commit: a process that dies before the runs are stored loses those
 * entries (upkeep does not announce them again).
 */
export function connectStageTriggers(
  upkeep: JourneyUpkeep,
  automation: Automation,
  logError = (message: string, error: unknown) => console.error(`touchpoint: ${message}:`, error),
): StageTriggers {
  const starting = new Set<Promise<void>>();
  const unsubscribe = upkeep.subscribe((notice) => {
    const started = automation
      .onPersonChanged(notice)
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
