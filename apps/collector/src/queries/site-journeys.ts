/**
 * Journeys of a site, built from its stored events and its stage model: one person's at query
 * time, every person's as the digests journey upkeep keeps (a new stage model rebuilds them). The
 * site's own host is left to the engine, which takes each page's host to tell navigation inside
 * the site from a referral: a site may serve several origins.
 */
import {
  DEFAULT_STAGE_MODEL,
  JOURNEY_ENGINE_VERSION,
  buildJourney,
  digestJourney,
  parsePersonKey,
  stageModelSchema,
  type Journey,
  type StageModel,
} from "@touchpoint/journeys";
import { LruCache } from "../enrich/lru-cache.js";
import type { DigestBuilder, JourneyReader, PersonEvents, Site } from "../store/store.js";

// The engine compiles a model once per object: hand it the same object while the JSON is the same.
const models = new LruCache<string, StageModel>(100);

export function stageModelOf(site: Site): StageModel {
  if (site.stageModel === null) return DEFAULT_STAGE_MODEL;
  const json = JSON.stringify(site.stageModel);
  let model = models.get(json);
  if (model === undefined) {
    model = stageModelSchema.parse(site.stageModel);
    models.set(json, model);
  }
  return model;
}

/** Names the site's stage model and the engine version: digests made under another key are rebuilt. */
export const modelKeyOf = (site: Site) => `${JOURNEY_ENGINE_VERSION}:${JSON.stringify(stageModelOf(site))}`;

/** How upkeep makes a person's digest for this site: its stage model through the engine, named by both. */
export function digestBuilderOf(site: Site): DigestBuilder {
  const model = stageModelOf(site);
  return { modelKey: modelKeyOf(site), digestOf: (person) => digestJourney(journeyOfPerson(person, model), person.events) };
}

/** What a report over digests says about its freshness. */
export interface AsOf {
  /** ISO time through which the answer reflects the site's events: every event committed before it counts. */
  asOf: string;
}

/**
 * When the site's digests were last caught up with its events, under its current stage model
 * (its creation, before upkeep made any with this model). Asked before reading the digests, so
 * the answer holds for what is read after.
 */
export async function digestsAsOf(store: JourneyReader, site: Site): Promise<AsOf> {
  return asOfSite(site, await store.journeyDigestsAsOf(site.id, modelKeyOf(site)));
}

/** The store's asOf as an answer gives it: the site's creation when no digest was made with its model yet. */
export const asOfSite = (site: Site, asOf: number | null): AsOf => ({ asOf: new Date(asOf ?? site.createdAt).toISOString() });

export function journeyOfPerson(person: PersonEvents, model: StageModel): Journey {
  const parsed = parsePersonKey(person.personKey);
  return buildJourney({ customerId: parsed.kind === "customer" ? parsed.customerId : null, events: person.events, model });
}
