/**
 * Every journey of a whole history at once: identity stitching, then one buildJourney per
 * person. For tests and small data; the collector keeps person keys in its store instead.
 */
import { stitchIdentities } from "../identity/stitch-identities.js";
import { parsePersonKey, type PersonKey } from "../identity/person-key.js";
import type { StageModel } from "../stages/stage-model.js";
import type { Journey, JourneyEvent } from "../types.js";
import { buildJourney } from "./build-journey.js";

export interface BuildJourneysOptions {
  model: StageModel;
  siteHost?: string | null;
}

/** Journeys by person key, in person-key order. */
export function buildJourneys(events: readonly JourneyEvent[], options: BuildJourneysOptions): Map<PersonKey, Journey> {
  const identities = stitchIdentities(events);
  const byPerson = new Map<PersonKey, JourneyEvent[]>();
  for (const event of events) {
    const key = identities.personKeyOf(event);
    const own = byPerson.get(key);
    if (own === undefined) byPerson.set(key, [event]);
    else own.push(event);
  }
  const journeys = new Map<PersonKey, Journey>();
  for (const key of [...byPerson.keys()].sort()) {
    const person = parsePersonKey(key);
    journeys.set(
      key,
      buildJourney({
        customerId: person.kind === "customer" ? person.customerId : null,
        events: byPerson.get(key) as JourneyEvent[],
        model: options.model,
        siteHost: options.siteHost ?? null,
      }),
    );
  }
  return journeys;
}
