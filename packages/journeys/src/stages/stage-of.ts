/**
 * Which stage a touchpoint belongs to. A model is compiled once (rules indexed by event name,
 * path patterns turned into regular expressions) and cached per model object, so placing an event
 * is a map lookup and a few comparisons, never a regex compilation.
 */
import type { JourneyEvent } from "../types.js";
import { compilePathPattern, pathOf } from "./path-pattern.js";
import type { StageModel, StageRule } from "./stage-model.js";

/** Facts about a touchpoint that only its journey knows. */
export interface StageSituation {
  /** The channel of the touchpoint's session. */
  channel: string | null;
  /** Whether it is the first touchpoint of its session. */
  landing: boolean;
  /** 1 for the person's first event of this name, 2 for the second, ... */
  occurrence: number;
}

/** Without a journey: no channel, not a landing, a first occurrence. */
const NO_SITUATION: StageSituation = { channel: null, landing: false, occurrence: 1 };

interface CompiledRule {
  stage: string;
  path: RegExp | null;
  property: NonNullable<StageRule["property"]> | null;
  channels: ReadonlySet<string> | null;
  landing: boolean | null;
  occurrence: StageRule["occurrence"] | null;
}

export interface CompiledStageModel {
  model: StageModel;
  /** stage -> its position in the model. */
  stageIndex: ReadonlyMap<string, number>;
  conversions: ReadonlySet<string>;
  rulesByEvent: ReadonlyMap<string, readonly CompiledRule[]>;
}

const compiled = new WeakMap<StageModel, CompiledStageModel>();

export function compileStageModel(model: StageModel): CompiledStageModel {
  const cached = compiled.get(model);
  if (cached !== undefined) return cached;
  const rulesByEvent = new Map<string, CompiledRule[]>();
  for (const rule of model.rules) {
    const rules = rulesByEvent.get(rule.event) ?? [];
    rules.push({
      stage: rule.stage,
      path: rule.path === undefined ? null : compilePathPattern(rule.path),
      property: rule.property ?? null,
      channels: rule.channel === undefined ? null : new Set(rule.channel),
      landing: rule.landing ?? null,
      occurrence: rule.occurrence ?? null,
    });
    rulesByEvent.set(rule.event, rules);
  }
  const result: CompiledStageModel = {
    model,
    stageIndex: new Map(model.stages.map((stage, index) => [stage, index])),
    conversions: new Set(model.conversions),
    rulesByEvent,
  };
  compiled.set(model, result);
  return result;
}

function matches(rule: CompiledRule, event: Pick<JourneyEvent, "context" | "properties">, situation: StageSituation): boolean {
  if (rule.landing !== null && rule.landing !== situation.landing) return false;
  if (rule.occurrence !== null && (rule.occurrence === "first") !== (situation.occurrence === 1)) return false;
  if (rule.channels !== null && (situation.channel === null || !rule.channels.has(situation.channel))) return false;
  const property = rule.property;
  if (property !== null && event.properties[property.key] !== property.equals) return false;
  if (rule.path !== null) {
    const path = pathOf(event.context);
    if (path === null || !rule.path.test(path)) return false;
  }
  return true;
}

/** The stage of the first rule that matches, or null when no rule does. */
export function stageOf(
  event: Pick<JourneyEvent, "name" | "context" | "properties">,
  model: StageModel,
  situation: StageSituation = NO_SITUATION,
): string | null {
  const rules = compileStageModel(model).rulesByEvent.get(event.name);
  if (rules === undefined) return null;
  for (const rule of rules) if (matches(rule, event, situation)) return rule.stage;
  return null;
}
