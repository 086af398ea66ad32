/**
 * A JourneyReader whose digests are made from the events, through a builder other than the one
 * upkeep keeps digests for: what a report read through another stage model uses. Every report
 * runs on it unchanged, at the cost of rebuilding each person's journey (3-6 s per million
 * events here, most of it reading the events) instead of decoding a stored digest.
 *
 * A dashboard asks for six reports at once, twelve when it compares periods, so the digests of a
 * site of up to MEMO_EVENTS events are built once and shared by the reads of the next MEMO_MS:
 * their answers say so in `asOf`, the time of the build. A larger site is streamed per read.
 */
import type { AttributionJourney, FunnelJourney, JourneyDigest, JourneySummary } from "@touchpoint/journeys";
import { personKeyRange } from "../store/person-key-range.js";
import type { DigestBuilder, JourneyReader, StreamDigestsOptions, StreamPersonsOptions, StreamTouchesOptions } from "../store/store.js";
import { inPages } from "./in-pages.js";

/** Persons per page of the paged streams, as the stores page their digests. */
const PAGE_SIZE = 64;
/** How long built digests serve further reads; a build in progress is always shared. */
const MEMO_MS = 10_000;
/** Sites with more events are streamed per read: 200,000 events make about 100 MB of digests. */
const MEMO_EVENTS = 200_000;
/** How long a site stays known as too large to hold (finding out reads MEMO_EVENTS events). */
const TOO_LARGE_MS = 600_000;

interface PersonDigest {
  personKey: string;
  digest: JourneyDigest;
}

interface Memo {
  /** Ms since the epoch: the digests hold every event committed before it. */
  builtAt: number;
  /** null: the site has more events than a memo holds. */
  persons: PersonDigest[] | null;
  /** performance.now() after which the memo is built again. */
  expires: number;
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

/** Memos per store and site+model: a store closed in a test takes its memos with it. */
const memosOf = new WeakMap<object, Map<string, Promise<Memo>>>();

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

  async function build(siteId: string): Promise<Memo> {
    const builtAt = Date.now();
    const persons: PersonDigest[] = [];
    let events = 0;
    for await (const person of store.streamPersons(siteId)) {
      events += person.events.length;
      if (events > memoEvents) return { builtAt, persons: null, expires: performance.now() + TOO_LARGE_MS };
      persons.push({ personKey: person.personKey, digest: builder.digestOf(person) });
    }
    return { builtAt, persons, expires: performance.now() + MEMO_MS };
  }

  function memo(siteId: string): Promise<Memo> {
    const key = `${siteId}\n${builder.modelKey}`;
    const cached = sites.get(key);
    if (cached !== undefined) {
      // A settled memo past its time is built again; one still building is shared.
      const fresh = cached.then((settled) => settled.expires > performance.now());
      return fresh.then((isFresh) => (isFresh ? cached : rebuild(key, siteId)));
    }
    return rebuild(key, siteId);
  }

  function rebuild(key: string, siteId: string): Promise<Memo> {
    const building = build(siteId);
    sites.set(key, building);
    const forget = () => {
      if (sites.get(key) === building) sites.delete(key);
    };
    // Held no longer than it serves: the digests of a large shop are a hundred megabytes.
    building.then((built) => setTimeout(forget, built.expires - performance.now()).unref(), forget);
    return building;
  }

  async function* digests(siteId: string, options: StreamPersonsOptions = {}): AsyncIterable<JourneyDigest> {
    const { persons } = await memo(siteId);
    const { above, below } = personKeyRange(options);
    if (persons === null) {
      for await (const person of store.streamPersons(siteId, { afterPersonKey: options.afterPersonKey, kind: options.kind }))
        yield builder.digestOf(person);
      return;
    }
    for (const { personKey, digest } of persons) {
      if (byteOrder(personKey, above) > 0 && byteOrder(personKey, below) < 0) yield digest;
    }
  }
  /** The memo's time when there is one, else now: what the stream about to start reads is committed before it. */
  const asOf = async (siteId: string) => {
    const { builtAt, persons } = await memo(siteId);
    return persons === null ? Date.now() : builtAt;
  };

  const summaries = (siteId: string, options?: StreamPersonsOptions) => mapped(digests(siteId, options), summaryOf);
  const overrides: Omit<JourneyReader, "readEvents" | "streamPersons"> = {
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
    journeySummariesAsOf: async (siteId: string, _modelKey: string, options?: StreamPersonsOptions) => ({
      asOf: await asOf(siteId),
      summaries: summaries(siteId, options),
    }),
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
