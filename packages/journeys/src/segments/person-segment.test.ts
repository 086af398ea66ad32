import { describe, expect, it } from "vitest";
import type { DigestTouchpoint, JourneyDigest } from "../journey/journey-digest.js";
import { EVERYONE, inSegment, isEveryone, segmentNeedsTouchpoints, type PersonSegment } from "./person-segment.js";

const touch = (channel: string, campaign?: string): DigestTouchpoint => ({
  type: "touchpoint",
  name: "banner_click",
  stage: "awareness",
  channel,
  time: Date.UTC(2026, 2, 1),
  ...(campaign === undefined ? {} : { campaign }),
});

const person = (traits: JourneyDigest["traits"], touchpoints: DigestTouchpoint[]): JourneyDigest => ({
  customerId: "c1",
  anonymousId: null,
  traits,
  currentStage: "awareness",
  stages: [],
  lastSeenTime: Date.UTC(2026, 2, 1),
  touchpoints,
  conversions: [],
});

const segment = (parts: Partial<PersonSegment>): PersonSegment => ({ ...EVERYONE, ...parts });

describe("inSegment", () => {
  const student = person({ persona: "student", age: 20 }, [touch("organic_search"), touch("email", "spring_sale")]);

  it("takes everyone when nothing is named", () => {
    expect(isEveryone(EVERYONE)).toBe(true);
    expect(inSegment(student, EVERYONE)).toBe(true);
  });

  it("matches traits as text, every named one", () => {
    expect(inSegment(student, segment({ traits: { persona: "student", age: "20" } }))).toBe(true);
    expect(inSegment(student, segment({ traits: { persona: "student", age: "21" } }))).toBe(false);
    expect(inSegment(student, segment({ traits: { plan: "pro" } }))).toBe(false);
  });

  it("takes a person with any touchpoint in one of the channels, at any time", () => {
    expect(inSegment(student, segment({ channels: ["paid_search", "email"] }))).toBe(true);
    expect(inSegment(student, segment({ channels: ["paid_search"] }))).toBe(false);
  });

  it("takes a person with any touchpoint of one of the campaigns, and both named parts must hold", () => {
    expect(inSegment(student, segment({ campaigns: ["spring_sale"] }))).toBe(true);
    expect(inSegment(student, segment({ campaigns: ["brand"] }))).toBe(false);
    expect(inSegment(student, segment({ channels: ["organic_search"], campaigns: ["spring_sale"] }))).toBe(true);
    expect(inSegment(student, segment({ channels: ["organic_search"], traits: { persona: "parent" } }))).toBe(false);
  });

  it("takes a person with an event from one of the device types, and nobody whose devices are unknown", () => {
    const onPhone = { ...student, deviceTypes: ["desktop", "mobile"] };
    expect(inSegment(onPhone, segment({ deviceTypes: ["mobile", "tablet"] }))).toBe(true);
    expect(inSegment(onPhone, segment({ deviceTypes: ["tablet"] }))).toBe(false);
    expect(inSegment(student, segment({ deviceTypes: ["desktop"] }))).toBe(false);
    expect(segmentNeedsTouchpoints(segment({ deviceTypes: ["mobile"] }))).toBe(false);
  });

  it("needs touchpoints only for channels and campaigns", () => {
    expect(segmentNeedsTouchpoints(segment({ traits: { persona: "student" } }))).toBe(false);
    expect(segmentNeedsTouchpoints(segment({ campaigns: ["brand"] }))).toBe(true);
    const { touchpoints: _, ...summary } = student;
    expect(() => inSegment(summary, segment({ channels: ["email"] }))).toThrow("needs the journey's touchpoints");
  });
});
