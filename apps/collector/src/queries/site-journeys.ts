/**
 * Journeys of a site, built at query time from its stored events and its stage model, so a new
 * stage model re-reads the whole history. The site's own host is left to the engine, which
 * takes each page's host for the internal channel: a site may serve several origins.
 */
import { DEFAULT_STAGE_MODEL, buildJourney, parsePersonKey, stageModelSchema, type Journey, type StageModel } from "@touchpoint/journeys";
import { LruCache } from "../enrich/lru-cache.js";
import type { PersonEvents, Site, Store, StreamPersonsOptions } from "../store/store.js";

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

export function journeyOfPerson(person: PersonEvents, model: StageModel): Journey {
  const parsed = parsePersonKey(person.personKey);
  return buildJourney({ customerId: parsed.kind === "customer" ? parsed.customerId : null, events: person.events, model });
}

/** One person's journey by person key, null when they have no event. */
export async function readJourney(store: Store, site: Site, personKey: string): Promise<Journey | null> {
  const events = await store.readEvents(site.id, { personKey });
  return events.length === 0 ? null : journeyOfPerson({ personKey, events }, stageModelOf(site));
}

/** Every journey of the site, one person at a time (see Store.streamPersons). */
export async function* streamJourneys(store: Store, site: Site, options?: StreamPersonsOptions): AsyncGenerator<Journey> {
  const model = stageModelOf(site);
  for await (const person of store.streamPersons(site.id, options)) yield journeyOfPerson(person, model);
}
