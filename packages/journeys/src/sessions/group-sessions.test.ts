import { describe, expect, it } from "vitest";
import { sortEvents } from "../order.js";
import { HOUR, MINUTE, at, journeyEvent } from "../testing/journey-event.js";
import { groupSessions } from "./group-sessions.js";

describe("groupSessions", () => {
  it("groups by the SDK's sessionId, channel and landing from the earliest event with context", () => {
    const events = [
      journeyEvent({ id: "e1", timestamp: at(0), anonymousId: "a", sessionId: "s1", type: "page", name: "page_view" }),
      journeyEvent({
        id: "e2",
        timestamp: at(1 * MINUTE),
        anonymousId: "a",
        sessionId: "s1",
        context: { url: "https://shop.example/?utm_source=newsletter", utm: { source: "newsletter", medium: "email" } },
      }),
      journeyEvent({ id: "e3", timestamp: at(2 * MINUTE), anonymousId: "a", sessionId: "s2", context: { url: "https://shop.example/" } }),
      journeyEvent({
        id: "e4",
        timestamp: at(3 * MINUTE),
        anonymousId: "a",
        sessionId: "s1",
        context: { referrer: "https://www.google.com/" },
      }),
    ];
    expect(groupSessions(events)).toEqual({
      sessions: [
        {
          id: "s1",
          channel: "email",
          startedAt: at(0),
          endedAt: at(3 * MINUTE),
          landingUrl: "https://shop.example/?utm_source=newsletter",
          referrer: null,
          utm: { source: "newsletter", medium: "email" },
          touchpoints: 3,
        },
        {
          id: "s2",
          channel: "direct",
          startedAt: at(2 * MINUTE),
          endedAt: at(2 * MINUTE),
          landingUrl: "https://shop.example/",
          referrer: null,
          utm: null,
          touchpoints: 1,
        },
      ],
      sessionOf: [0, 0, 1, 0],
      continued: [false, false],
    });
  });

  it("without a sessionId, ends a session after 30 minutes idle and 24 hours after its start", () => {
    // Every event 29 minutes after the previous one: only the 24-hour cap splits them.
    const steady = Array.from({ length: 52 }, (_, i) =>
      journeyEvent({ id: `s${String(i).padStart(2, "0")}`, timestamp: at(i * 29 * MINUTE), anonymousId: "a" }),
    );
    const idle = [
      journeyEvent({ id: "i1", timestamp: at(0), anonymousId: "b" }),
      journeyEvent({ id: "i2", timestamp: at(30 * MINUTE - 1), anonymousId: "b" }),
      journeyEvent({ id: "i3", timestamp: at(60 * MINUTE - 1), anonymousId: "b" }),
    ];
    const { sessions, sessionOf } = groupSessions(sortEvents([...steady, ...idle]));
    const sizes = sessions.map((s) => [s.id, s.touchpoints, s.startedAt, s.endedAt]);
    expect(sizes).toEqual([
      ["i1", 2, at(0), at(30 * MINUTE - 1)],
      ["s00", 50, at(0), at(49 * 29 * MINUTE)],
      ["i3", 1, at(60 * MINUTE - 1), at(60 * MINUTE - 1)],
      ["s50", 2, at(50 * 29 * MINUTE), at(51 * 29 * MINUTE)],
    ]);
    expect(sessionOf.filter((index) => index === 1)).toHaveLength(50);
  });

  it("keeps devices, server-side customers and explicit channels apart", () => {
    const events = sortEvents([
      journeyEvent({ id: "laptop-1", timestamp: at(0), anonymousId: "laptop", customerId: "alice" }),
      journeyEvent({ id: "phone-1", timestamp: at(1 * MINUTE), anonymousId: "phone" }),
      journeyEvent({ id: "call-1", timestamp: at(2 * MINUTE), customerId: "alice", context: { channel: "call_center" } }),
      journeyEvent({ id: "store-1", timestamp: at(3 * MINUTE), customerId: "alice", context: { channel: "store" } }),
      journeyEvent({ id: "call-2", timestamp: at(4 * MINUTE), customerId: "alice", context: { channel: "call_center" } }),
      journeyEvent({ id: "crm-1", timestamp: at(5 * MINUTE), customerId: "alice" }),
      journeyEvent({ id: "laptop-2", timestamp: at(6 * MINUTE), anonymousId: "laptop" }),
    ]);
    const { sessions, sessionOf } = groupSessions(events);
    expect(sessions.map((s) => [s.id, s.channel, s.touchpoints])).toEqual([
      ["laptop-1", "direct", 2],
      ["phone-1", "direct", 1],
      ["call-1", "call_center", 2],
      ["store-1", "store", 1],
      ["crm-1", "direct", 1],
    ]);
    expect(sessionOf).toEqual([0, 1, 2, 3, 2, 4, 0]);
  });

  it("leaves identify events out; a referrer from the site itself is no source", () => {
    const events = [
      journeyEvent({
        id: "i",
        timestamp: at(0),
        type: "identify",
        anonymousId: "a",
        customerId: "alice",
        context: { referrer: "https://www.bing.com/" },
      }),
      journeyEvent({
        id: "p",
        timestamp: at(1),
        anonymousId: "a",
        sessionId: "s",
        context: { url: "https://app.shop.example/", referrer: "https://shop.example/" },
      }),
    ];
    const { sessions, sessionOf } = groupSessions(events, { siteHost: "shop.example" });
    expect(sessionOf).toEqual([-1, 0]);
    expect(sessions.map((s) => [s.id, s.channel, s.referrer])).toEqual([["s", "direct", "https://shop.example/"]]);
    expect(groupSessions(events).sessions[0]?.channel).toBe("referral");
  });

  it("continues the previous session's channel when a session lands from the site itself, skipping offline sessions", () => {
    const events = [
      journeyEvent({
        id: "e1",
        timestamp: at(0),
        anonymousId: "a",
        sessionId: "s1",
        context: { url: "https://shop.example/?utm_source=newsletter&utm_medium=email" },
      }),
      journeyEvent({ id: "e2", timestamp: at(HOUR), customerId: "alice", context: { channel: "call_center" } }),
      journeyEvent({
        id: "e3",
        timestamp: at(2 * HOUR),
        anonymousId: "a",
        sessionId: "s2",
        context: { url: "https://shop.example/cart", referrer: "https://shop.example/p/1" },
      }),
    ];
    expect(groupSessions(events).sessions.map((s) => s.channel)).toEqual(["email", "call_center", "email"]);
    expect(groupSessions(events).continued).toEqual([false, false, true]);
    // With no earlier session, such a landing is direct.
    expect(groupSessions(events.slice(2)).sessions.map((s) => s.channel)).toEqual(["direct"]);
  });

  it("keeps an event without a session id that follows a link of the site in the open session past the idle limit", () => {
    const events = [
      journeyEvent({
        id: "e1",
        timestamp: at(0),
        anonymousId: "a",
        context: { url: "https://shop.example/", referrer: "https://www.google.com/" },
      }),
      journeyEvent({
        id: "e2",
        timestamp: at(40 * MINUTE),
        anonymousId: "a",
        context: { url: "https://shop.example/p/1", referrer: "https://shop.example/" },
      }),
      journeyEvent({ id: "e3", timestamp: at(80 * MINUTE), anonymousId: "a", context: { url: "https://shop.example/p/2" } }),
    ];
    const { sessions, sessionOf } = groupSessions(events);
    expect(sessionOf).toEqual([0, 0, 1]);
    expect(sessions.map((s) => s.channel)).toEqual(["organic_search", "direct"]);
  });

  it("reads utm parameters sent only in the landing URL", () => {
    const events = [
      journeyEvent({
        id: "e1",
        timestamp: at(0),
        anonymousId: "a",
        sessionId: "s",
        context: { url: "https://shop.example/?utm_source=crm&utm_medium=email&utm_campaign=spring" },
      }),
    ];
    expect(groupSessions(events).sessions[0]).toMatchObject({
      channel: "email",
      utm: { source: "crm", medium: "email", campaign: "spring" },
    });
  });

  it("takes custom idle and maximum durations", () => {
    const events = [0, 5, 11, 12].map((minute) => journeyEvent({ id: `e${minute}`, timestamp: at(minute * MINUTE), anonymousId: "a" }));
    expect(groupSessions(events, { idleMs: 6 * MINUTE, maxMs: HOUR }).sessionOf).toEqual([0, 0, 1, 1]);
    expect(groupSessions(events, { idleMs: HOUR, maxMs: 10 * MINUTE }).sessionOf).toEqual([0, 0, 1, 1]);
  });

  it("refuses events out of time order", () => {
    const events = [
      journeyEvent({ id: "b", timestamp: at(1), anonymousId: "a" }),
      journeyEvent({ id: "a", timestamp: at(0), anonymousId: "a" }),
    ];
    expect(() => groupSessions(events)).toThrow('groupSessions needs events in time order: "a" comes after "b"');
  });
});
