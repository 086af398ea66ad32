/**
 * A site's reports read through another stage model than its own: one of the shipped models, by
 * the name the query API's `stageModel` parameter takes. The site's own model reads the digests
 * upkeep keeps; another model builds each journey from the events for the read
 * (digests-from-events.ts), so choosing one costs time per read, never a stored row.
 */
import { SHIPPED_STAGE_MODELS, type ShippedStageModelName, type StageModel } from "@touchpoint/journeys";
import type { JourneyReader, Site } from "../store/store.js";
import { digestsFromEvents } from "./digests-from-events.js";
import { digestBuilderOf, stageModelOf } from "./site-journeys.js";

/** `site`: the site's own model (its stages.json, else the default); else a shipped model's name. */
export type StageModelChoice = "site" | ShippedStageModelName;

export const STAGE_MODEL_CHOICES = ["site", ...(Object.keys(SHIPPED_STAGE_MODELS) as ShippedStageModelName[])] as const;

const sameModel = (a: StageModel, b: StageModel) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The store and site a report reads for `choice`: unchanged for the site's own model (or a
 * shipped one equal to it), else the site under that model over digests made from its events.
 */
export function stageModelView<S extends JourneyReader>(
  store: S,
  site: Site,
  choice: StageModelChoice | undefined,
): { store: S; site: Site } {
  if (choice === undefined || choice === "site") return { store, site };
  const model = SHIPPED_STAGE_MODELS[choice];
  if (sameModel(model, stageModelOf(site))) return { store, site };
  const viewed: Site = { ...site, stageModel: model };
  return { store: digestsFromEvents(store, digestBuilderOf(viewed)), site: viewed };
}

export interface StageModelListing {
  name: StageModelChoice;
  stages: string[];
  conversions: string[];
}

/** The models a site's reports can be read through: its own first, then each shipped one that differs from it. */
export function stageModelListing(site: Site): StageModelListing[] {
  const own = stageModelOf(site);
  const listing: StageModelListing[] = [{ name: "site", stages: [...own.stages], conversions: [...own.conversions] }];
  for (const [name, model] of Object.entries(SHIPPED_STAGE_MODELS) as [ShippedStageModelName, StageModel][]) {
    if (!sameModel(model, own)) listing.push({ name, stages: [...model.stages], conversions: [...model.conversions] });
  }
  return listing;
}
