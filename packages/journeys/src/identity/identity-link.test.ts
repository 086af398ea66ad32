import { describe, expect, it } from "vitest";
import { journeyEvent } from "../testing/journey-event.js";
import { identityLinkOf, preferredLink, type IdentityLink } from "./identity-link.js";

const link = (customerId: string, eventId: string, timestamp: number): IdentityLink => ({
  anonymousId: "anon-1",
  customerId,
  eventId,
  timestamp,
});

describe("identityLinkOf", () => {
  it("reads the link an identify proposes", () => {
    const identify = journeyEvent({ id: "i1", timestamp: 100, type: "identify", anonymousId: "anon-1", customerId: "alice" });
    expect(identityLinkOf(identify)).toEqual({ anonymousId: "anon-1", customerId: "alice", eventId: "i1", timestamp: 100 });
  });

  it("proposes nothing for other events or an identify without an anonymous id", () => {
    expect(identityLinkOf(journeyEvent({ id: "t1", timestamp: 1, anonymousId: "anon-1", customerId: "alice" }))).toBeNull();
    expect(identityLinkOf(journeyEvent({ id: "i2", timestamp: 1, type: "identify", customerId: "alice" }))).toBeNull();
  });
});

describe("preferredLink", () => {
  it("keeps the earlier identify, whichever is passed first", () => {
    const early = link("alice", "z", 100);
    const late = link("bob", "a", 200);
    expect(preferredLink(early, late)).toBe(early);
    expect(preferredLink(late, early)).toBe(early);
  });

  it("breaks a tie in time by the smaller event id", () => {
    const first = link("alice", "id-1", 100);
    const second = link("bob", "id-2", 100);
    expect(preferredLink(second, first)).toBe(first);
    expect(preferredLink(first, second)).toBe(first);
  });

  it("takes the candidate when there is no link yet", () => {
    const candidate = link("alice", "i", 1);
    expect(preferredLink(undefined, candidate)).toBe(candidate);
    expect(preferredLink(null, candidate)).toBe(candidate);
  });

  it("refuses to compare links of different anonymous ids", () => {
    expect(() => preferredLink(link("alice", "i", 1), { ...link("bob", "j", 2), anonymousId: "anon-2" })).toThrow(
      'cannot compare links of two anonymous ids ("anon-1", "anon-2")',
    );
  });
});
