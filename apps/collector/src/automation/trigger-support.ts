import type { RuleBody } from "@touchpoint/journeys";

/**
 * stageEntered and stalled triggers wait for journey upkeep's notices: until they are wired, such
 * rules are refused (naming `when`) rather than stored to never fire. Null when the rule can run.
 */
export function unsupportedTrigger(body: RuleBody): { path: string; message: string }[] | null {
  return "event" in body.when ? null : [{ path: "when", message: "only event triggers run for now: stageEntered and stalled arrive with journey upkeep" }];
}
