/**
 * streamJourneyDigests for a store that keeps no digests (PostgreSQL): each person's digest is
 * built from streamPersons as it streams, so every report reads every event each time.
 */
import type { JourneyDigest } from "@touchpoint/journeys";
import type { DigestBuilder, PersonEvents, StreamPersonsOptions } from "./store.js";

export function digestsFromPersons(streamPersons: (siteId: string, options?: StreamPersonsOptions) => AsyncIterable<PersonEvents>) {
  return async function* streamJourneyDigests(siteId: string, builder: DigestBuilder, options?: StreamPersonsOptions): AsyncGenerator<JourneyDigest> {
    for await (const person of streamPersons(siteId, options)) yield builder.digestOf(person);
  };
}
