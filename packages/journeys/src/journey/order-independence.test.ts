/**
 * The same events delivered in any order give the same journeys: both the whole-history path
 * (buildJourneys) and the collector's incremental one (a link per anonymous id kept with
 * preferredLink, person keys rewritten when a link changes, then buildJourney per person).
 */
import { describe, expect, it } from "vitest";
import { identityLinkOf, preferredLink, type IdentityLink } from "../identity/identity-link.js";
import { parsePersonKey, personKeyOf, type PersonKey } from "../identity/person-key.js";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { DAY, HOUR, MINUTE, at, journeyEvent } from "../testing/journey-event.js";
import type { Journey, JourneyEvent } from "../types.js";
import { buildJourney } from "./build-journey.js";
import { buildJourneys } from "./build-journeys.js";
import { seededRandom, shuffled } from "../testing/seeded-shuffle.js";

const PERMUTATIONS = 1_000;

const page = (id: string, timestamp: number, fields: Partial<JourneyEvent> = {}) =>
  journeyEvent({ id, timestamp, type: "page", name: "page_view", ...fields });
const identify = (id: string, timestamp: number, anonymousId: string | null, customerId: string, traits: JourneyEvent["traits"] = null) =>
  journeyEvent({ id, timestamp, type: "identify", anonymousId, customerId, traits });

const D1 = DAY;
const D2 = 2 * DAY;
const D3 = 3 * DAY;
const HISTORY: JourneyEvent[] = [
  // Alice's laptop: from Google, identifies, reads reviews.
  page("l1", at(0), { anonymousId: "laptop", sessionId: "sl1", context: { path: "/", referrer: "https://www.google.com/" } }),
  journeyEvent({ id: "l2", timestamp: at(2 * MINUTE), anonymousId: "laptop", sessionId: "sl1", name: "catalog_view" }),
  identify("l3", at(5 * MINUTE), "laptop", "alice", { plan: "free", company: "Acme" }),
  journeyEvent({ id: "l4", timestamp: at(6 * MINUTE), anonymousId: "laptop", sessionId: "sl1", name: "review_read" }),
  // Alice's phone, no SDK session ids: a paid social visit, traits updated twice more, a purchase.
  page("p1", at(D1), { anonymousId: "phone", context: { path: "/", utm: { source: "facebook", medium: "cpc" } } }),
  identify("p2", at(D1 + MINUTE), "phone", "alice", { plan: "pro" }),
  journeyEvent({
    id: "p3",
    timestamp: at(D1 + 3 * MINUTE),
    anonymousId: "phone",
    name: "purchase",
    properties: { value: 49.5, currency: "EUR" },
  }),
  identify("p4a", at(D1 + 4 * MINUTE), "phone", "alice", { plan: "enterprise", company: "Acme Inc" }),
  identify("p4b", at(D1 + 4 * MINUTE), "phone", "alice", { plan: "team" }),
  // Same instant on two devices: the order is decided by id.
  journeyEvent({ id: "p5", timestamp: at(D1 + 10 * MINUTE), anonymousId: "phone", name: "support_contact" }),
  journeyEvent({ id: "l5", timestamp: at(D1 + 10 * MINUTE), anonymousId: "laptop", sessionId: "sl2", name: "catalog_view" }),
  // Alice in the store, server-side.
  journeyEvent({
    id: "crm1",
    timestamp: at(D2),
    customerId: "alice",
    name: "purchase",
    properties: { value: 200 },
    context: { channel: "store" },
  }),
  // A shared kiosk: Carol, reset, then Dave.
  journeyEvent({ id: "k1", timestamp: at(D2 + HOUR), anonymousId: "kiosk-1", name: "catalog_view" }),
  identify("k2", at(D2 + HOUR + MINUTE), "kiosk-1", "carol", { persona: "student" }),
  journeyEvent({ id: "k3", timestamp: at(D2 + HOUR + 2 * MINUTE), anonymousId: "kiosk-1", name: "add_to_cart" }),
  page("k4", at(D2 + HOUR + 3 * MINUTE), { anonymousId: "kiosk-2", context: { path: "/pricing" } }),
  identify("k5", at(D2 + HOUR + 4 * MINUTE), "kiosk-2", "dave", { persona: "teacher" }),
  journeyEvent({ id: "k6", timestamp: at(D2 + HOUR + 5 * MINUTE), anonymousId: "kiosk-2", name: "purchase", properties: { value: 10 } }),
  // Grace's browser, on which Heidi's events arrive carrying her own customer id.
  identify("g1", at(D3), "g", "grace"),
  journeyEvent({ id: "g2", timestamp: at(D3 + MINUTE), anonymousId: "g", name: "catalog_view" }),
  journeyEvent({ id: "h1", timestamp: at(D3 + 2 * MINUTE), anonymousId: "g", customerId: "heidi", name: "chatbot_question" }),
  journeyEvent({
    id: "h2",
    timestamp: at(D3 + 3 * MINUTE),
    customerId: "heidi",
    name: "talk_to_sales",
    context: { channel: "call_center" },
  }),
  // A device identified twice without reset: Judy's earlier identify wins, whatever arrives first.
  journeyEvent({ id: "s1", timestamp: at(D3 + 30 * MINUTE), anonymousId: "shared", name: "banner_click" }),
  identify("s2-ivan", at(D3 + HOUR), "shared", "ivan", { vip: true }),
  identify("s0-judy", at(D3 + 20 * MINUTE), "shared", "judy"),
  journeyEvent({ id: "s3", timestamp: at(D3 + 2 * HOUR), anonymousId: "shared", name: "review_read" }),
  // A visitor nobody identified; two events in the same millisecond.
  journeyEvent({ id: "x2", timestamp: at(D3 + 5 * HOUR), anonymousId: "stranger", name: "review_read" }),
  page("x1", at(D3 + 5 * HOUR), { anonymousId: "stranger", context: { path: "/" } }),
];

const journeysOf = (events: readonly JourneyEvent[]) => [...buildJourneys(events, { model: DEFAULT_STAGE_MODEL })];

/** What the collector does: keep links and person keys up to date as each event arrives. */
function journeysStoredInArrivalOrder(events: readonly JourneyEvent[]): [PersonKey, Journey][] {
  const links = new Map<string, IdentityLink>();
  const keys = new Map<string, PersonKey>();
  const anonymousOnly = new Map<string, JourneyEvent[]>();
  for (const event of events) {
    const candidate = identityLinkOf(event);
    if (candidate !== null) {
      const current = links.get(candidate.anonymousId);
      const winner = preferredLink(current, candidate);
      if (winner !== current) {
        links.set(candidate.anonymousId, winner);
        for (const earlier of anonymousOnly.get(candidate.anonymousId) ?? []) keys.set(earlier.id, personKeyOf(earlier, winner.customerId));
      }
    }
    keys.set(event.id, personKeyOf(event, event.anonymousId === null ? null : links.get(event.anonymousId)?.customerId));
    if (event.customerId === null && event.anonymousId !== null) {
      const list = anonymousOnly.get(event.anonymousId) ?? [];
      list.push(event);
      anonymousOnly.set(event.anonymousId, list);
    }
  }
  const byPerson = new Map<PersonKey, JourneyEvent[]>();
  for (const event of events) {
    const key = keys.get(event.id) as PersonKey;
    byPerson.set(key, [...(byPerson.get(key) ?? []), event]);
  }
  return [...byPerson.keys()].sort().map((key) => {
    const person = parsePersonKey(key);
    const customerId = person.kind === "customer" ? person.customerId : null;
    return [key, buildJourney({ customerId, events: byPerson.get(key) as JourneyEvent[], model: DEFAULT_STAGE_MODEL })];
  });
}

describe("order independence", () => {
  const expected = journeysOf(HISTORY);
  const journey = (key: PersonKey) => expected.find(([k]) => k === key)?.[1];

  it("stitches the mixed history as the identity rules say", () => {
    expect(expected.map(([key, j]) => [key, j.touchpoints.map((t) => t.id)])).toEqual([
      ["a:stranger", ["x1", "x2"]],
      ["c:alice", ["l1", "l2", "l4", "p1", "p3", "l5", "p5", "crm1"]],
      ["c:carol", ["k1", "k3"]],
      ["c:dave", ["k4", "k6"]],
      ["c:grace", ["g2"]],
      ["c:heidi", ["h1", "h2"]],
      ["c:ivan", []],
      ["c:judy", ["s1", "s3"]],
    ]);
    expect(journey("c:alice")).toMatchObject({
      anonymousIds: ["laptop", "phone"],
      traits: { plan: "team", company: "Acme Inc" },
      currentStage: "loyalty",
      lifetimeValue: 249.5,
    });
    expect(journey("c:ivan")?.traits).toEqual({ vip: true });
    expect(journey("c:judy")?.anonymousIds).toEqual(["shared"]);
  });

  it(`gives exactly the same journeys for ${PERMUTATIONS} random arrival orders`, () => {
    expect(journeysStoredInArrivalOrder(HISTORY)).toEqual(expected);
    // Compared as JSON: as exact as toEqual for plain data (key order included), and much faster.
    const expectedJson = JSON.stringify(expected);
    const random = seededRandom(20260302);
    for (let i = 0; i < PERMUTATIONS; i++) {
      const arrival = shuffled(HISTORY, random);
      expect(JSON.stringify(journeysOf(arrival)), `permutation ${i}`).toBe(expectedJson);
      expect(JSON.stringify(journeysStoredInArrivalOrder(arrival)), `permutation ${i}, stored in arrival order`).toBe(expectedJson);
    }
  });
});
