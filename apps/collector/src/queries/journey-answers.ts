/**
 * GET /v1/journeys' answers as the JSON text sent, kept for the next request: an analyst or a
 * dashboard opens the same customer again and again, and a journey of 1,000 events takes about
 * 4 ms to read, build and serialise (448 KB). A kept answer is served only while the person's
 * events marker (Store.personEventsMarker, read at every request before the events) and the
 * stage model are what they were when it was made, so an added, moved or erased event is never
 * missed. The same two name the answer's ETag, so a client that holds it gets 304 without a build.
 */
import { createHash } from "node:crypto";
import { journeyJson } from "@touchpoint/journeys";
import { LruCache } from "../enrich/lru-cache.js";
import type { JourneyReader, Site } from "../store/store.js";
import { modelKeyOf, readJourney } from "./site-journeys.js";

/** Answers kept at most, each up to MAX_KEPT_CHARS: 16 of a 1,000-event journey are about 7 MB. */
const MAX_ANSWERS = 16;
/** Longer answers (about 2,300 events and up) are made again for each request rather than held. */
const MAX_KEPT_CHARS = 1 << 20;

export interface JourneyAnswer {
  json: string;
  /** A weak validator: a compressed answer has other bytes but the same meaning. */
  etag: string;
}

export interface JourneyAnswers {
  /** The journey of one person under the site's stage model; null when they have no event. */
  answer(store: JourneyReader, site: Site, personKey: string): Promise<JourneyAnswer | null>;
}

export function createJourneyAnswers(): JourneyAnswers {
  const kept = new LruCache<string, JourneyAnswer>(MAX_ANSWERS);
  return {
    async answer(store, site, personKey) {
      // The marker first: events that change after it was read can only make a kept answer newer than its name.
      const marker = await store.personEventsMarker(site.id, personKey);
      if (marker === null) return null;
      const etag = `W/"${createHash("sha256")
        .update(`${site.id}\n${modelKeyOf(site)}\n${personKey}\n${marker}`)
        .digest("base64url")}"`;
      const key = `${site.id}\n${personKey}`;
      const held = kept.get(key);
      if (held?.etag === etag) return held;
      const journey = await readJourney(store, site, personKey);
      if (journey === null) return null;
      const answer = { json: JSON.stringify(journeyJson(journey)), etag };
      if (answer.json.length <= MAX_KEPT_CHARS) kept.set(key, answer);
      return answer;
    },
  };
}
