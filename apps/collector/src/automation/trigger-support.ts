import type { RuleBody } from "@touchpoint/journeys";

/**
 * stalled triggers need a durable check at entry + days that is not built yet: such rules are
 * refused (naming `when`) rather than stored to never fire. Null when the rule can run.
 */
export function unsupportedTrigger(body: RuleBody): { path: string; message: string }[] | null {
  return "stalled" in body.when ? [{ path: "when", message: "stalled triggers do not run yet: use event or stageEntered" }] : null;
}
