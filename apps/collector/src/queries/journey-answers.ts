/**
 * GET /v1/journeys' answers as the JSON text sent, kept for the next request: an analyst or a
 * dashboard opens the same customer again and again, and a journey of 1,000 events takes about
 * 4 ms to read, build and serialise (448 KB). A kept answer is served only while the person's
 * events marker (Store.personEventsMarker, read at each request for it) and the stage model are
 * what they were when it was made, so an added, moved, expired or erased event is never missed.
 * An answer is built from events read together with their own marker (one snapshot), and the two
 * name its ETag, so a client that holds it gets 304.
 */
import { createHash } from "node:crypto";
import { journeyJson } from "@touchpoint/journeys";
import { LruCache } from "../enrich/lru-cache.js";
import type { MarkedPersonReader, Site } from "../store/store.js";
import { journeyOfPerson, modelKeyOf, stageModelOf } from "./site-journeys.js";

/**
 * Answers kept at most, each up to MAX_KEPT_CHARS: 16 of a 1,000-event journey are about 7 MB;
 * at worst 16 Mi characters, 32 MiB when they are not all Latin-1. One per person and site: a
 * person read through another stage model (`stageModel=`) replaces it.
 */
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
  answer(store: MarkedPersonReader, site: Site, personKey: string): Promise<JourneyAnswer | null>;
}

export function createJourneyAnswers(): JourneyAnswers {
  const kept = new LruCache<string, JourneyAnswer>(MAX_ANSWERS);
  return {
    async answer(store, site, personKey) {
      const key = `${site.id}\n${personKey}`;
      const named = `${key}\n${modelKeyOf(site)}\n`;
      const etagOf = (marker: string) =>
        `W/"${createHash("sha256")
          .update(named + marker)
          .digest("base64url")}"`;
      const held = kept.get(key);
      if (held !== undefined) {
        const marker = await store.personEventsMarker(site.id, personKey);
        if (marker !== null && etagOf(marker) === held.etag) return held;
        // Changed, or erased: an erased person's journey is not held either.
        kept.delete(key);
      }
      // The events with the marker of exactly those events: the answer is named by what it holds.
      const read = await store.readMarkedPersonEvents(site.id, personKey);
      if (read === null) return null;
      const journey = journeyOfPerson({ personKey, events: read.events }, stageModelOf(site));
      const answer = { json: JSON.stringify(journeyJson(journey)), etag: etagOf(read.marker) };
      if (answer.json.length <= MAX_KEPT_CHARS) kept.set(key, answer);
      return answer;
    },
  };
}
