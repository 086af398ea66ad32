/**
 * The same history delivered in any order, in any batches, with retries, gives the same
 * journeys through the HTTP API, and they are the engine's whole-history journeys
 * (buildJourneys): identity stitching in the store is incremental, the engine's is not.
 */
import { buildJourneys, DEFAULT_STAGE_MODEL, journeyJson, type JourneyEvent } from "@touchpoint/journeys";
import type { Properties } from "@touchpoint/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_CONFIG } from "../config.js";
import { collectorFixture } from "../testing/collector-fixture.js";
import { DAY, HOUR, MINUTE, at, identify, journeyClient, page, touch, type WireEvent } from "../testing/journey-client.js";
import { seededRandom, shuffled } from "@touchpoint/journeys/testing/seeded-shuffle";

const PERMUTATIONS = 50;
const NOW = Date.parse("2026-04-01T00:00:00.000Z");

/** Events a server sends with the secret key: a customer id and an explicit channel. */
const server = (
  id: string,
  customerId: string,
  name: string,
  offsetMs: number,
  channel: string,
  properties: Properties = {},
): WireEvent => ({
  id,
  type: "touchpoint",
  name,
  customerId,
  timestamp: at(offsetMs),
  properties,
  context: { channel },
});

const D2 = 2 * DAY;
const D3 = 3 * DAY;
const HISTORY: WireEvent[] = [
  // Alice's laptop: from Google, identifies, reads reviews.
  page("l1", "laptop", 0, { path: "/", referrer: "https://www.google.com/" }, { sessionId: "sl1" }),
  touch("l2", "laptop", "catalog_view", 2 * MINUTE, { sessionId: "sl1" }),
  identify("l3", "laptop", "alice", 5 * MINUTE, { plan: "free", company: "Acme" }),
  touch("l4", "laptop", "review_read", 6 * MINUTE, { sessionId: "sl1" }),
  // Alice's phone without session ids: a paid social visit, traits changed twice at once, a purchase.
  page("p1", "phone", DAY, { path: "/", utm: { source: "facebook", medium: "cpc" } }),
  identify("p2", "phone", "alice", DAY + MINUTE, { plan: "pro" }),
  touch("p3", "phone", "purchase", DAY + 3 * MINUTE, { properties: { value: 49.5, currency: "EUR" } }),
  identify("p4a", "phone", "alice", DAY + 4 * MINUTE, { plan: "enterprise", company: "Acme Inc" }),
  identify("p4b", "phone", "alice", DAY + 4 * MINUTE, { plan: "team" }),
  // The same instant on two devices: ordered by id.
  touch("p5", "phone", "support_contact", DAY + 10 * MINUTE),
  touch("l5", "laptop", "catalog_view", DAY + 10 * MINUTE, { sessionId: "sl2" }),
  server("crm1", "alice", "purchase", D2, "store", { value: 200 }),
  // A shared kiosk: Carol, reset, Dave.
  touch("k1", "kiosk-1", "catalog_view", D2 + HOUR),
  identify("k2", "kiosk-1", "carol", D2 + HOUR + MINUTE, { persona: "student" }),
  touch("k3", "kiosk-1", "add_to_cart", D2 + HOUR + 2 * MINUTE),
  page("k4", "kiosk-2", D2 + HOUR + 3 * MINUTE, { path: "/pricing" }),
  identify("k5", "kiosk-2", "dave", D2 + HOUR + 4 * MINUTE, { persona: "teacher" }),
  touch("k6", "kiosk-2", "purchase", D2 + HOUR + 5 * MINUTE, { properties: { value: 10 } }),
  // Grace's browser, where Heidi's events carry her own id; Heidi also calls.
  identify("g1", "g", "grace", D3),
  touch("g2", "g", "catalog_view", D3 + MINUTE),
  touch("h1", "g", "chatbot_question", D3 + 2 * MINUTE, { customerId: "heidi" }),
  server("h2", "heidi", "talk_to_sales", D3 + 3 * MINUTE, "call_center"),
  // A device identified twice without reset: Judy's earlier identify wins, whichever arrives first.
  touch("s1", "shared", "banner_click", D3 + 30 * MINUTE),
  identify("s2-ivan", "shared", "ivan", D3 + HOUR, { vip: "yes" }),
  identify("s0-judy", "shared", "judy", D3 + 20 * MINUTE),
  touch("s3", "shared", "review_read", D3 + 2 * HOUR),
  // A visitor nobody identified, two events in the same millisecond.
  page("v2", "lurker", D3, { path: "/blog/post" }),
  page("v1", "lurker", D3, { path: "/pricing" }),
];

const isServerEvent = (event: WireEvent) => event.anonymousId === undefined;

/** The event as the store hands it to the engine. */
function asStored(event: WireEvent): JourneyEvent {
  const type = event.type as JourneyEvent["type"];
  return {
    id: event.id as string,
    type,
    name: type === "identify" ? "identify" : ((event.name as string | undefined) ?? "page_view"),
    anonymousId: (event.anonymousId as string | undefined) ?? null,
    customerId: (event.customerId as string | undefined) ?? null,
    sessionId: (event.sessionId as string | undefined) ?? null,
    timestamp: Date.parse(event.timestamp as string),
    properties: (event.properties as Properties | undefined) ?? {},
    traits: (event.traits as Properties | undefined) ?? null,
    context: (event.context as JourneyEvent["context"] | undefined) ?? {},
    device: null,
  };
}

/** The history in a random order, as batches of 1 to 5 events (server events alone), with one event sent twice. */
function deliveries(random: () => number): WireEvent[][] {
  const order = shuffled(HISTORY, random);
  order.splice(Math.floor(random() * order.length), 0, order[Math.floor(random() * order.length)] as WireEvent);
  const batches: WireEvent[][] = [];
  for (let i = 0; i < order.length; ) {
    const size = isServerEvent(order[i] as WireEvent) ? 1 : 1 + Math.floor(random() * 5);
    const batch: WireEvent[] = [];
    while (batch.length < size && i < order.length && !(batch.length > 0 && isServerEvent(order[i] as WireEvent)))
      batch.push(order[i++] as WireEvent);
    batches.push(batch);
  }
  return batches;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("order independence through the store", () => {
  const expected = buildJourneys(HISTORY.map(asStored), { model: DEFAULT_STAGE_MODEL });

  it("knows the people of the history", () => {
    expect([...expected.keys()]).toEqual(["a:lurker", "c:alice", "c:carol", "c:dave", "c:grace", "c:heidi", "c:ivan", "c:judy"]);
  });

  it(`gives the engine's journeys for ${PERMUTATIONS} random deliveries`, { timeout: 60_000 }, async () => {
    const random = seededRandom(20260302);
    for (let run = 0; run < PERMUTATIONS; run++) {
      const f = await collectorFixture({ config: { groupCommit: { ...DEFAULT_CONFIG.groupCommit, windowMs: 0 } } });
      const api = journeyClient(f);
      try {
        for (const batch of deliveries(random)) await (isServerEvent(batch[0] as WireEvent) ? api.sendAsServer(batch) : api.send(batch));
        for (const [key, journey] of expected) {
          const path = key.startsWith("c:")
            ? `/v1/journeys/${encodeURIComponent(key.slice(2))}`
            : `/v1/journeys?anonymousId=${encodeURIComponent(key.slice(2))}`;
          expect({ run, key, ...(await api.get(path)) }).toEqual({ run, key, status: 200, body: journeyJson(journey) });
        }
      } finally {
        await f.store.close();
      }
    }
  });
});
