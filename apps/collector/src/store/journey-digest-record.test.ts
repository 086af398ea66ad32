import type { JourneyDigest } from "@touchpoint/journeys";
import { describe, expect, it } from "vitest";
import {
  attributionJourneyOfRecord,
  funnelJourneyOfSummary,
  journeyDigestOfRecord,
  journeySummaryOfRecord,
  toJourneyDigestRecord,
} from "./journey-digest-record.js";

const T0 = Date.parse("2026-03-02T09:00:00.000Z");

const digest: JourneyDigest = {
  customerId: "alice",
  anonymousId: null,
  traits: { persona: "researcher", vip: true },
  currentStage: "purchase",
  stages: [
    { stage: "awareness", time: T0 },
    { stage: "purchase", time: T0 + 91_800_250 },
  ],
  lastSeenTime: T0 + 140_401_000,
  deviceTypes: ["desktop", "mobile"],
  touchpoints: [
    { type: "page", name: "page_view", stage: "awareness", channel: "paid_search", time: T0, campaign: "spring" },
    { type: "touchpoint", name: "chat_open", stage: null, channel: "paid_search", time: T0 },
    { type: "touchpoint", name: "purchase", stage: "purchase", channel: "email", time: T0 + 91_800_250, value: 0 },
    { type: "touchpoint", name: "purchase", stage: "purchase", channel: "email", time: T0 + 140_400_001, value: 19.99, campaign: "spring" },
  ],
  conversions: [
    { id: "e3", name: "purchase", time: T0 + 91_800_250, value: 0 },
    { id: "e4", name: "purchase", time: T0 + 140_400_001, value: 19.99 },
  ],
};

describe("journey digest records", () => {
  it("read back exactly the digest they were made from, and the summary alone from the summary text", () => {
    const record = toJourneyDigestRecord(digest);
    expect(journeyDigestOfRecord(record)).toEqual(digest);
    const { touchpoints: _touchpoints, conversions: _conversions, ...summary } = digest;
    expect(journeySummaryOfRecord(record.summary)).toEqual(summary);
  });

  it("read back an anonymous visitor with no stage, touchpoint or conversion", () => {
    const empty: JourneyDigest = {
      customerId: null,
      anonymousId: "anon-1",
      traits: {},
      currentStage: null,
      stages: [],
      lastSeenTime: null,
      deviceTypes: [],
      touchpoints: [],
      conversions: [],
    };
    expect(journeyDigestOfRecord(toJourneyDigestRecord(empty))).toEqual(empty);
  });

  it("read a digest made without device types back with none", () => {
    const { deviceTypes: _deviceTypes, ...withoutDevices } = digest;
    expect(journeyDigestOfRecord(toJourneyDigestRecord(withoutDevices)).deviceTypes).toEqual([]);
  });

  it("write each string of the touches once and times as differences", () => {
    expect(JSON.parse(toJourneyDigestRecord(digest).touches)).toEqual([
      ["page_view", "awareness", "paid_search", "spring", "chat_open", "purchase", "email"],
      T0,
      [0, 0, 1, 2, 3, 0, 1, 4, -1, 2, -1, 0, 1, 5, 5, 6, -1, 91_800_250, 1, 5, 5, 6, 3, 48_599_751],
      [2, 0, 3, 19.99],
      ["e3", 5, T0 + 91_800_250, 0, "e4", 5, T0 + 140_400_001, 19.99],
    ]);
  });

  it("give attribution the touchpoints and conversions, and the stage entries only from the summary", () => {
    const record = toJourneyDigestRecord(digest);
    expect(attributionJourneyOfRecord(record.touches)).toEqual({
      touchpoints: digest.touchpoints,
      conversions: digest.conversions,
      stages: [],
    });
    expect(attributionJourneyOfRecord(record.touches, record.summary)).toEqual({
      touchpoints: digest.touchpoints,
      conversions: digest.conversions,
      stages: digest.stages,
    });
  });

  /** The summary text of `digest` with these fields in place of its own. */
  const summaryWith = (fields: Partial<JourneyDigest>) => toJourneyDigestRecord({ ...digest, ...fields }).summary;

  it("give the funnel the customer id and the stage entries, read from the ends of the summary", () => {
    expect(funnelJourneyOfSummary(summaryWith({}))).toEqual({
      customerId: "alice",
      stages: [
        { stage: "awareness", time: T0 },
        { stage: "purchase", time: T0 + 91_800_250 },
      ],
    });
    expect(funnelJourneyOfSummary(summaryWith({ customerId: null, stages: [], deviceTypes: [] }))).toEqual({
      customerId: null,
      stages: [],
    });
    expect(funnelJourneyOfSummary(summaryWith({ customerId: "", stages: [{ stage: "", time: 0 }] }))).toEqual({
      customerId: "",
      stages: [{ stage: "", time: 0 }],
    });
    // Traits and device types that look like stage entries are not read as ones.
    const lookalike = summaryWith({
      traits: { note: '"evaluation",5]' },
      deviceTypes: ['x",1'],
      stages: [{ stage: "awareness", time: 7 }],
    });
    expect(funnelJourneyOfSummary(lookalike)).toEqual({ customerId: "alice", stages: [{ stage: "awareness", time: 7 }] });
  });

  it("give the funnel the same from a summary whose ends need parsing: escaped strings, times not written as digits", () => {
    const cases: Partial<JourneyDigest>[] = [
      { customerId: 'al"ice', stages: [{ stage: "awareness", time: T0 }] },
      { customerId: "al\\ice" },
      { customerId: "ålice\n" },
      { stages: [{ stage: 'aware"ness', time: T0 }] },
      {
        stages: [
          { stage: "aware\\ness", time: T0 },
          { stage: "purchase", time: T0 + 1 },
        ],
      },
      { stages: [{ stage: "awareness", time: -5 }] },
      { stages: [{ stage: "awareness", time: 1.5 }] },
      { stages: [{ stage: "awareness", time: 1e21 }] },
    ];
    for (const fields of cases) {
      const expected = { customerId: fields.customerId ?? digest.customerId, stages: fields.stages ?? digest.stages };
      expect(funnelJourneyOfSummary(summaryWith(fields))).toEqual(expected);
    }
  });
});
