import { describe, expect, it } from "vitest";
import { journeyEvent } from "../testing/journey-event.js";
import { stitchIdentities } from "./stitch-identities.js";

describe("stitchIdentities", () => {
  const events = [
    journeyEvent({ id: "p1", timestamp: 10, anonymousId: "laptop" }),
    journeyEvent({ id: "i-late", timestamp: 300, type: "identify", anonymousId: "laptop", customerId: "bob" }),
    journeyEvent({ id: "i-first", timestamp: 200, type: "identify", anonymousId: "laptop", customerId: "alice" }),
    journeyEvent({ id: "i-phone", timestamp: 50, type: "identify", anonymousId: "phone", customerId: "alice" }),
    journeyEvent({ id: "p2", timestamp: 400, anonymousId: "tablet" }),
    journeyEvent({ id: "crm", timestamp: 500, customerId: "carol" }),
  ];

  it("links each anonymous id to the customer of its earliest identify", () => {
    expect([...stitchIdentities(events).links]).toEqual([
      ["laptop", "alice"],
      ["phone", "alice"],
    ]);
  });

  it("keys every event by its person", () => {
    const { personKeyOf } = stitchIdentities(events);
    expect(events.map((event) => [event.id, personKeyOf(event)])).toEqual([
      ["p1", "c:alice"],
      ["i-late", "c:bob"],
      ["i-first", "c:alice"],
      ["i-phone", "c:alice"],
      ["p2", "a:tablet"],
      ["crm", "c:carol"],
    ]);
  });
});
