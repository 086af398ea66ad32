import { describe, expect, it } from "vitest";
import { describeSegment, isFiltered, NO_SEGMENT, parseTrait, readSegment, segmentNote, segmentParams, writeSegment } from "./segment.js";

describe("segment", () => {
  it("reads KEY=VALUE traits, and nothing else", () => {
    expect(parseTrait("persona=trail_runner")).toEqual({ key: "persona", value: "trail_runner" });
    expect(parseTrait(" plan = pro = yearly ")).toEqual({ key: "plan", value: "pro = yearly" });
    expect(parseTrait("persona")).toBeNull();
    expect(parseTrait("=trail_runner")).toBeNull();
    expect(parseTrait("persona=")).toBeNull();
  });

  it("is the reports' parameters: channel=a,b, campaign, deviceType, trait.KEY, stageModel", () => {
    const segment = {
      channels: ["email", "paid_search"],
      campaign: "spring_sale",
      deviceType: "mobile",
      trait: { key: "persona", value: "trail_runner" },
      stageModel: "sales_funnel",
    };
    expect(segmentParams(segment)).toEqual({
      channel: "email,paid_search",
      campaign: "spring_sale",
      deviceType: "mobile",
      "trait.persona": "trail_runner",
      stageModel: "sales_funnel",
    });
    expect(segmentParams(NO_SEGMENT)).toEqual({});
    expect(isFiltered(segment)).toBe(true);
    expect(isFiltered(NO_SEGMENT)).toBe(false);
    expect(describeSegment(segment)).toBe("channel email or paid_search · campaign spring_sale · device mobile · persona = trail_runner");
    expect(segmentNote(segment)).toBe(
      "Only people with channel email or paid_search · campaign spring_sale · device mobile · persona = trail_runner. Stages of the Sales funnel model.",
    );
  });

  it("counts the stage model as no filter of people: it changes the stages, not who is counted", () => {
    const lens = { ...NO_SEGMENT, stageModel: "three_stage" };
    expect(isFiltered(lens)).toBe(false);
    expect(segmentParams(lens)).toEqual({ stageModel: "three_stage" });
    expect(segmentNote(lens)).toBe("Stages of the Three-stage model.");
    expect(segmentNote(NO_SEGMENT)).toBe("");
  });

  it("round-trips through a URL query, leaving the period and other parameters alone", () => {
    const search = new URLSearchParams("from=2026-03-01&to=2026-03-07&channel=direct&trait.plan=free&compare=1&deviceType=tablet");
    expect(readSegment(search)).toEqual({
      channels: ["direct"],
      campaign: "",
      deviceType: "tablet",
      trait: { key: "plan", value: "free" },
      stageModel: "",
    });
    const next = {
      channels: ["email", "sms"],
      campaign: "",
      deviceType: "",
      trait: { key: "persona", value: "a&b" },
      stageModel: "sales_funnel",
    };
    writeSegment(search, next);
    expect(search.toString()).toBe(
      "from=2026-03-01&to=2026-03-07&compare=1&channel=email%2Csms&trait.persona=a%26b&stageModel=sales_funnel",
    );
    expect(readSegment(search)).toEqual(next);
    writeSegment(search, NO_SEGMENT);
    expect(search.toString()).toBe("from=2026-03-01&to=2026-03-07&compare=1");
  });

  it("drops empty or repeated channels and a trait without a value from a hand-edited link", () => {
    expect(readSegment(new URLSearchParams("stageModel=aida")).stageModel).toBe("");
    expect(readSegment(new URLSearchParams("stageModel=sales_funnel")).stageModel).toBe("sales_funnel");
    expect(readSegment(new URLSearchParams("channel=email,,email, sms&trait.persona=&stageModel=site"))).toEqual({
      channels: ["email", "sms"],
      campaign: "",
      deviceType: "",
      trait: null,
      stageModel: "",
    });
  });
});
