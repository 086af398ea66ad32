/**
 * A JourneyReader whose digests are made from the events, through a builder other than the one
 * upkeep keeps digests for: what a report read through another stage model uses. Every report
 * runs on it unchanged, at the cost of rebuilding each person's journey (3-6 s per million
 * events here, most of it reading the events) instead of decoding a stored digest.
 *
 * A dashboard asks for six reports at once, twelve when it compares periods, so the digests of a
 * site of up to MEMO_EVENTS events are built once and serve every read while the site's events
 * stay as they were (Store.eventsMarker, checked at each read, so an erasure is never served
 * from an earlier build), for MEMO_MS at most. A larger site is streamed per read.
 */
import type { AttributionJourney, FunnelJourney, JourneyDigest, JourneySummary } from "@touchpoint/journeys";
import { personKeyRange } from "../store/person-key-range.js";
import type { DigestBuilder, JourneyReader, StreamDigestsOptions, StreamPersonsOptions, StreamTouchesOptions } from "../store/store.js";
import { inPages } from "./in-pages.js";

/** Persons per page of the paged streams, as the stores page their digests. */
const PAGE_SIZE = 64;
/** How long built digests are held for further reads (a build in progress is always shared). */
const MEMO_MS = 30_000;
/** Sites with more events are streamed per read: 200,000 events make about 100 MB of digests. */
const MEMO_EVENTS = 200_000;
/** How long a site stays known as too large to hold (finding out reads MEMO_EVENTS events). */
const TOO_LARGE_MS = 600_000;

interface PersonDigest {
  personKey: string;
  digest: JourneyDigest;
}

interface Memo {
  /** The site's eventsMarker when the build began: the build holds at least those events. */
  marker: string;
  /** null: the site has more events than a memo holds. */
  built: Promise<PersonDigest[] | null>;
  /** performance.now() after which the memo is not used; null while it is being built. */
  expires: number | null;
  tooLarge: boolean;
  /** Drops the memo from its map when its time is up (cleared when another replaces it first). */
  timer?: NodeJS.Timeout;
}

function summaryOf(digest: JourneyDigest): JourneySummary {
  const { customerId, anonymousId, traits, currentStage, stages, lastSeenTime, deviceTypes } = digest;
  return { customerId, anonymousId, traits, currentStage, stages, lastSeenTime, deviceTypes };
}

async function* mapped<T, U>(items: AsyncIterable<T>, map: (item: T) => U): AsyncIterable<U> {
  for await (const item of items) yield map(item);
}

/** Person keys compare as the stores order them: by their UTF-8 bytes. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The first index whose person key sorts after `key` (persons are in the stores' key order). */
function firstAfter(persons: readonly PersonDigest[], key: string): number {
  let low = 0;
  let high = persons.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byteOrder((persons[middle] as PersonDigest).personKey, key) > 0) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The persons a StreamPersonsOptions names, as streamPersons would yield them. */
function personsIn(persons: readonly PersonDigest[], options: StreamPersonsOptions): readonly PersonDigest[] {
  const { above, below } = personKeyRange(options);
  // No person key equals `below` ("c;" ends the "c:" keys), so the persons up to it are those before it.
  return persons.slice(firstAfter(persons, above), firstAfter(persons, below));
}

/** Memos per store and site+model: a store closed in a test takes its memos with it. */
const memosOf = new WeakMap<object, Map<string, Memo>>();

/** Whether a memo may serve a read of the site whose events now have `marker`. */
function usable(memo: Memo, marker: string): boolean {
  if (memo.expires === null) return memo.marker === marker;
  return memo.expires > performance.now() && (memo.tooLarge || memo.marker === marker);
}

/** A site already known as too large: its reads stream, without even counting its events. */
const knownTooLarge = (memo: Memo | undefined) => memo?.tooLarge === true && (memo.expires ?? 0) > performance.now();

/**
 * `store` with its digest streams answered from its events through `builder`. `holding` is a hint
 * (a digest that may hold the string), so every person comes; the events and persons are the
 * store's own.
 */
export function digestsFromEvents<S extends JourneyReader>(
  store: S,
  builder: DigestBuilder,
  { memoEvents = MEMO_EVENTS }: { memoEvents?: number } = {},
): S {
  let memos = memosOf.get(store);
  if (memos === undefined) memosOf.set(store, (memos = new Map()));
  const sites = memos;

  async function build(siteId: string): Promise<PersonDigest[] | null> {
    const persons: PersonDigest[] = [];
    let events = 0;
    for await (const person of store.streamPersons(siteId)) {
      events += person.events.length;
      if (events > memoEvents) return null;
      persons.push({ personKey: person.personKey, digest: builder.digestOf(person) });
    }
    return persons;
  }

  function remember(key: string, memo: Memo): void {
    clearTimeout(sites.get(key)?.timer);
    sites.set(key, memo);
  }

  function startBuild(key: string, siteId: string, marker: string): Memo {
    const memo: Memo = { marker, built: build(siteId), expires: null, tooLarge: false };
    remember(key, memo);
    const forget = () => {
      if (sites.get(key) === memo) sites.delete(key);
    };
    memo.built
      .then(async (persons) => {
        memo.tooLarge = persons === null;
        // Events that came or went while the build read them may be in it or not: it served the
        // reads that waited for it, and serves no later one. A build already replaced is let go.
        const changed = !memo.tooLarge && (await store.eventsMarker(siteId)) !== marker;
        if (changed || sites.get(key) !== memo) return forget();
        const heldMs = memo.tooLarge ? TOO_LARGE_MS : MEMO_MS;
        memo.expires = performance.now() + heldMs;
        // Held no longer than it serves: the digests of a large shop are a hundred megabytes.
        memo.timer = setTimeout(forget, heldMs).unref();
      })
      .catch(forget);
    return memo;
  }

  /** The digests to read (null: stream them), and the time through which they hold every committed event. */
  async function current(siteId: string): Promise<{ persons: PersonDigest[] | null; asOf: number }> {
    const key = `${siteId}\n${builder.modelKey}`;
    const asOf = Date.now();
    if (knownTooLarge(sites.get(key))) return { persons: null, asOf };
    const marker = await store.eventsMarker(siteId);
    const cached = sites.get(key);
    const memo = cached !== undefined && usable(cached, marker) ? cached : startBuild(key, siteId, marker);
    return { persons: await memo.built, asOf };
  }

  // A report asks for asOf, then streams its journeys: the stream reads what that asOf was for,
  // so a report under steady ingest builds once and its asOf describes what it read.
  type Look = Promise<{ persons: PersonDigest[] | null; asOf: number }>;
  const lookedAt = new Map<string, Look>();
  const lookForAsOf = (siteId: string): Look => {
    const look = current(siteId);
    lookedAt.set(siteId, look);
    return look;
  };
  const lookForStream = (siteId: string): Look => {
    const look = lookedAt.get(siteId) ?? current(siteId);
    lookedAt.delete(siteId);
    return look;
  };

  async function* digests(siteId: string, options: StreamPersonsOptions = {}, look?: Look): AsyncIterable<JourneyDigest> {
    const { persons } = await (look ?? lookForStream(siteId));
    if (persons === null) {
      for await (const person of store.streamPersons(siteId, { afterPersonKey: options.afterPersonKey, kind: options.kind }))
        yield builder.digestOf(person);
      return;
    }
    for (const { digest } of personsIn(persons, options)) yield digest;
  }
  const asOf = async (siteId: string) => (await lookForAsOf(siteId)).asOf;

  const summaries = (siteId: string, options?: StreamPersonsOptions, look?: Look) => mapped(digests(siteId, options, look), summaryOf);
  const overrides: Omit<JourneyReader, "readEvents" | "streamPersons" | "eventsMarker"> = {
    streamJourneyDigests: (siteId: string, options?: StreamDigestsOptions) => digests(siteId, options),
    streamJourneyTouches: (siteId: string, options: StreamTouchesOptions = {}) =>
      inPages(
        mapped(
          digests(siteId, options),
          ({ touchpoints, conversions, stages }): AttributionJourney => ({
            touchpoints,
            conversions,
            stages: options.withStages === true ? stages : [],
          }),
        ),
        PAGE_SIZE,
      ),
    streamJourneySummaries: summaries,
    streamFunnelJourneys: (siteId: string, options?: StreamPersonsOptions) =>
      inPages(
        mapped(digests(siteId, options), ({ customerId, stages }): FunnelJourney => ({ customerId, stages })),
        PAGE_SIZE,
      ),
    journeyDigestsAsOf: (siteId: string) => asOf(siteId),
    journeySummariesAsOf: async (siteId: string, _modelKey: string, options?: StreamPersonsOptions) => {
      const look = current(siteId);
      return { asOf: (await look).asOf, summaries: summaries(siteId, options, look) };
    },
  };
  // A proxy, not a copy: the stores are classes, and what a report reads besides its journeys
  // (spend, identity links) stays the store's own, called on the store itself.
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof typeof overrides];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
