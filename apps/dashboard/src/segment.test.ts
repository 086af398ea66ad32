import { describe, expect, it } from "vitest";
import { describeSegment, isFiltered, NO_SEGMENT, parseTrait, readSegment, segmentParams, writeSegment } from "./segment.js";

describe("segment", () => {
  it("reads KEY=VALUE traits, and nothing else", () => {
    expect(parseTrait("persona=trail_runner")).toEqual({ key: "persona", value: "trail_runner" });
    expect(parseTrait(" plan = pro = yearly ")).toEqual({ key: "plan", value: "pro = yearly" });
    expect(parseTrait("persona")).toBeNull();
    expect(parseTrait("=trail_runner")).toBeNull();
    expect(parseTrait("persona=")).toBeNull();
  });

  it("is the reports' parameters: channel=a,b, campaign, trait.KEY", () => {
    const segment = { channels: ["email", "paid_search"], campaign: "spring_sale", trait: { key: "persona", value: "trail_runner" } };
    expect(segmentParams(segment)).toEqual({ channel: "email,paid_search", campaign: "spring_sale", "trait.persona": "trail_runner" });
    expect(segmentParams(NO_SEGMENT)).toEqual({});
    expect(isFiltered(segment)).toBe(true);
    expect(isFiltered(NO_SEGMENT)).toBe(false);
    expect(describeSegment(segment)).toBe("channel email or paid_search · campaign spring_sale · persona = trail_runner");
  });

  it("round-trips through a URL query, leaving the period and other parameters alone", () => {
    const search = new URLSearchParams("from=2026-03-01&to=2026-03-07&channel=direct&trait.plan=free&compare=1");
    expect(readSegment(search)).toEqual({ channels: ["direct"], campaign: "", trait: { key: "plan", value: "free" } });
    writeSegment(search, { channels: ["email", "sms"], campaign: "", trait: { key: "persona", value: "a&b" } });
    expect(search.toString()).toBe("from=2026-03-01&to=2026-03-07&compare=1&channel=email%2Csms&trait.persona=a%26b");
    expect(readSegment(search)).toEqual({ channels: ["email", "sms"], campaign: "", trait: { key: "persona", value: "a&b" } });
    writeSegment(search, NO_SEGMENT);
    expect(search.toString()).toBe("from=2026-03-01&to=2026-03-07&compare=1");
  });

  it("drops empty or repeated channels and a trait without a value from a hand-edited link", () => {
    expect(readSegment(new URLSearchParams("channel=email,,email, sms&trait.persona="))).toEqual({
      channels: ["email", "sms"],
      campaign: "",
      trait: null,
    });
  });
});
