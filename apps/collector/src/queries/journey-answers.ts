/**
 * GET /v1/journeys' answers as the JSON text sent, kept for the next request: an analyst or a
 * dashboard opens the same customer again and again, and a journey of 1,000 events takes about
 * 4 ms to read, build and serialise (448 KB). A kept answer is served only while the person's
 * events marker (Store.personEventsMarker, read at every request) and the stage model are what
 * they were when it was made, so an added, moved, expired or erased event is never missed. The
 * same two name the answer's ETag, so a client that holds it gets 304 without a build.
 */
import { createHash } from "node:crypto";
import { journeyJson } from "@touchpoint/journeys";
import { LruCache } from "../enrich/lru-cache.js";
import type { JourneyReader, Site } from "../store/store.js";
import { modelKeyOf, readJourney } from "./site-journeys.js";

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
  /**
   * A weak validator (a compressed answer has other bytes but the same meaning); null when the
   * events changed while they were read, so the answer cannot be named by either marker.
   */
  etag: string | null;
}

export interface JourneyAnswers {
  /** The journey of one person under the site's stage model; null when they have no event. */
  answer(store: JourneyReader, site: Site, personKey: string): Promise<JourneyAnswer | null>;
}

export function createJourneyAnswers(): JourneyAnswers {
  const kept = new LruCache<string, JourneyAnswer>(MAX_ANSWERS);
  return {
    async answer(store, site, personKey) {
      const key = `${site.id}\n${personKey}`;
      const etagOf = (marker: string) =>
        `W/"${createHash("sha256")
          .update(`${site.id}\n${modelKeyOf(site)}\n${personKey}\n${marker}`)
          .digest("base64url")}"`;
      const marker = await store.personEventsMarker(site.id, personKey);
      if (marker === null) {
        // An erased person's journey is not held either.
        kept.delete(key);
        return null;
      }
      const etag = etagOf(marker);
      const held = kept.get(key);
      if (held?.etag === etag) return held;
      kept.delete(key);
      const journey = await readJourney(store, site, personKey);
      if (journey === null) return null;
      // On PostgreSQL the two reads may see different commits: an answer is named and kept only
      // when the marker after the events is the one before them.
      const unchanged = (await store.personEventsMarker(site.id, personKey)) === marker;
      const answer = { json: JSON.stringify(journeyJson(journey)), etag: unchanged ? etag : null };
      if (unchanged && answer.json.length <= MAX_KEPT_CHARS) kept.set(key, answer);
      return answer;
    },
  };
}
