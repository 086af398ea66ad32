import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_MODEL } from "../stages/default-models.js";
import { DAY, MINUTE, at, journeyEvent } from "../testing/journey-event.js";
import type { Journey, JourneyEvent } from "../types.js";
import { buildJourneys } from "./build-journeys.js";

const journeysOf = (events: JourneyEvent[]) => buildJourneys(events, { model: DEFAULT_STAGE_MODEL });
const ids = (journey: Journey | undefined) => journey?.touchpoints.map((t) => t.id);

describe("buildJourneys: identity", () => {
  const browsing = [
    journeyEvent({
      id: "v1-page",
      timestamp: at(0),
      anonymousId: "v1",
      sessionId: "s1",
      type: "page",
      name: "page_view",
      context: { path: "/" },
    }),
    journeyEvent({ id: "v1-catalog", timestamp: at(2 * MINUTE), anonymousId: "v1", sessionId: "s1", name: "catalog_view" }),
  ];
  const login = journeyEvent({
    id: "v1-identify",
    timestamp: at(5 * MINUTE),
    anonymousId: "v1",
    sessionId: "s1",
    type: "identify",
    customerId: "alice",
    traits: { plan: "free" },
  });
  const afterLogin = journeyEvent({ id: "v1-review", timestamp: at(6 * MINUTE), anonymousId: "v1", sessionId: "s1", name: "review_read" });

  it("keeps a visitor anonymous until an identify, then pulls the earlier touchpoints into the customer's journey", () => {
    const before = journeysOf(browsing);
    expect([...before.keys()]).toEqual(["a:v1"]);
    expect(before.get("a:v1")).toMatchObject({ customerId: null, anonymousIds: ["v1"], currentStage: "consideration" });
    expect(ids(before.get("a:v1"))).toEqual(["v1-page", "v1-catalog"]);

    const after = journeysOf([...browsing, login, afterLogin]);
    expect([...after.keys()]).toEqual(["c:alice"]);
    expect(after.get("c:alice")).toMatchObject({
      customerId: "alice",
      anonymousIds: ["v1"],
      traits: { plan: "free" },
      currentStage: "evaluation",
      stages: [
        { stage: "consideration", enteredAt: at(2 * MINUTE) },
        { stage: "evaluation", enteredAt: at(6 * MINUTE) },
      ],
    });
    expect(ids(after.get("c:alice"))).toEqual(["v1-page", "v1-catalog", "v1-review"]);
  });

  it("joins two devices of one customer into one journey, in time order", () => {
    const journeys = journeysOf([
      journeyEvent({
        id: "phone-buy",
        timestamp: at(DAY + 10 * MINUTE),
        anonymousId: "phone",
        sessionId: "p1",
        name: "purchase",
        properties: { value: 99 },
      }),
      journeyEvent({
        id: "laptop-page",
        timestamp: at(0),
        anonymousId: "laptop",
        sessionId: "l1",
        type: "page",
        name: "page_view",
        context: { path: "/pricing" },
      }),
      journeyEvent({
        id: "laptop-login",
        timestamp: at(MINUTE),
        anonymousId: "laptop",
        sessionId: "l1",
        type: "identify",
        customerId: "bob",
      }),
      journeyEvent({
        id: "phone-page",
        timestamp: at(DAY),
        anonymousId: "phone",
        sessionId: "p1",
        type: "page",
        name: "page_view",
        context: { path: "/", referrer: "https://www.instagram.com/" },
      }),
      journeyEvent({
        id: "phone-login",
        timestamp: at(DAY + 5 * MINUTE),
        anonymousId: "phone",
        sessionId: "p1",
        type: "identify",
        customerId: "bob",
      }),
    ]);
    expect([...journeys.keys()]).toEqual(["c:bob"]);
    const bob = journeys.get("c:bob");
    expect(bob?.anonymousIds).toEqual(["laptop", "phone"]);
    expect(bob?.touchpoints.map((t) => [t.id, t.sessionId, t.channel, t.stage])).toEqual([
      ["laptop-page", "l1", "direct", "evaluation"],
      ["phone-page", "p1", "organic_social", "awareness"],
      ["phone-buy", "p1", "organic_social", "purchase"],
    ]);
    expect(bob?.lifetimeValue).toBe(99);
  });

  it("keeps two people on a shared device apart when the first one logs out (reset)", () => {
    const journeys = journeysOf([
      journeyEvent({ id: "k1-page", timestamp: at(0), anonymousId: "kiosk-1", name: "catalog_view" }),
      journeyEvent({
        id: "k1-login",
        timestamp: at(MINUTE),
        anonymousId: "kiosk-1",
        type: "identify",
        customerId: "carol",
        traits: { age: 34 },
      }),
      journeyEvent({ id: "k1-cart", timestamp: at(2 * MINUTE), anonymousId: "kiosk-1", name: "add_to_cart" }),
      // reset(): the SDK starts a new anonymous id.
      journeyEvent({ id: "k2-page", timestamp: at(3 * MINUTE), anonymousId: "kiosk-2", name: "catalog_view" }),
      journeyEvent({
        id: "k2-login",
        timestamp: at(4 * MINUTE),
        anonymousId: "kiosk-2",
        type: "identify",
        customerId: "dave",
        traits: { age: 51 },
      }),
      journeyEvent({ id: "k2-buy", timestamp: at(5 * MINUTE), anonymousId: "kiosk-2", name: "purchase", properties: { value: 10 } }),
    ]);
    expect([...journeys.keys()]).toEqual(["c:carol", "c:dave"]);
    expect(journeys.get("c:carol")).toMatchObject({
      anonymousIds: ["kiosk-1"],
      traits: { age: 34 },
      currentStage: "purchase",
      lifetimeValue: 0,
    });
    expect(journeys.get("c:dave")).toMatchObject({
      anonymousIds: ["kiosk-2"],
      traits: { age: 51 },
      currentStage: "purchase",
      lifetimeValue: 10,
    });
    expect(ids(journeys.get("c:carol"))).toEqual(["k1-page", "k1-cart"]);
    expect(ids(journeys.get("c:dave"))).toEqual(["k2-page", "k2-buy"]);
  });

  it("leaves a shared device with the first customer when nobody resets; the second gets only what carries their id", () => {
    const journeys = journeysOf([
      journeyEvent({ id: "t-page", timestamp: at(0), anonymousId: "tablet", name: "catalog_view" }),
      journeyEvent({ id: "t-erin", timestamp: at(MINUTE), anonymousId: "tablet", type: "identify", customerId: "erin" }),
      journeyEvent({
        id: "t-frank",
        timestamp: at(2 * MINUTE),
        anonymousId: "tablet",
        type: "identify",
        customerId: "frank",
        traits: { vip: true },
      }),
      journeyEvent({ id: "t-review", timestamp: at(3 * MINUTE), anonymousId: "tablet", name: "review_read" }),
      journeyEvent({ id: "t-frank-cart", timestamp: at(4 * MINUTE), anonymousId: "tablet", customerId: "frank", name: "add_to_cart" }),
    ]);
    expect([...journeys.keys()]).toEqual(["c:erin", "c:frank"]);
    expect(ids(journeys.get("c:erin"))).toEqual(["t-page", "t-review"]);
    expect(ids(journeys.get("c:frank"))).toEqual(["t-frank-cart"]);
    expect(journeys.get("c:frank")?.traits).toEqual({ vip: true });
  });

  it("sends events that carry customer B to B even on an anonymous id identified as A", () => {
    const journeys = journeysOf([
      journeyEvent({ id: "g-login", timestamp: at(0), anonymousId: "g", type: "identify", customerId: "grace" }),
      journeyEvent({ id: "g-view", timestamp: at(MINUTE), anonymousId: "g", name: "catalog_view" }),
      journeyEvent({ id: "h-chat", timestamp: at(2 * MINUTE), anonymousId: "g", customerId: "heidi", name: "chatbot_question" }),
      journeyEvent({
        id: "h-call",
        timestamp: at(3 * MINUTE),
        customerId: "heidi",
        name: "talk_to_sales",
        context: { channel: "call_center" },
      }),
      journeyEvent({ id: "g-buy", timestamp: at(4 * MINUTE), anonymousId: "g", name: "purchase" }),
    ]);
    expect([...journeys.keys()]).toEqual(["c:grace", "c:heidi"]);
    expect(ids(journeys.get("c:grace"))).toEqual(["g-view", "g-buy"]);
    expect(ids(journeys.get("c:heidi"))).toEqual(["h-chat", "h-call"]);
    expect(journeys.get("c:heidi")?.anonymousIds).toEqual(["g"]);
    expect(journeys.get("c:heidi")?.sessions.map((s) => [s.id, s.channel])).toEqual([
      ["h-chat", "direct"],
      ["h-call", "call_center"],
    ]);
  });
});
