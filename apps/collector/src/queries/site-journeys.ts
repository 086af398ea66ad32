/**
 * Journeys of a site, built from its stored events and its stage model: one person's at query
 * time, every person's as the digests the store keeps (a new stage model rebuilds them). The
 * site's own host is left to the engine, which takes each page's host to tell navigation inside
 * the site from a referral: a site may serve several origins.
 */
import { DEFAULT_STAGE_MODEL, JOURNEY_ENGINE_VERSION, buildJourney, digestJourney, parsePersonKey, stageModelSchema, type Journey, type StageModel } from "@touchpoint/journeys";
import { LruCache } from "../enrich/lru-cache.js";
import type { DigestBuilder, PersonEvents, Site, Store } from "../store/store.js";

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

/** How the store makes a person's digest for this site: its stage model through the engine, named by both. */
export function digestBuilderOf(site: Site): DigestBuilder {
  const model = stageModelOf(site);
  return { modelKey: `${JOURNEY_ENGINE_VERSION}:${JSON.stringify(model)}`, digestOf: (person) => digestJourney(journeyOfPerson(person, model)) };
}

export function journeyOfPerson(person: PersonEvents, model: StageModel): Journey {
  const parsed = parsePersonKey(person.personKey);
  return buildJourney({ customerId: parsed.kind === "customer" ? parsed.customerId : null, events: person.events, model });
}

/** One person's journey by person key, null when they have no event. */
export async function readJourney(store: Store, site: Site, personKey: string): Promise<Journey | null> {
  const events = await store.readEvents(site.id, { personKey });
  return events.length === 0 ? null : journeyOfPerson({ personKey, events }, stageModelOf(site));
}
