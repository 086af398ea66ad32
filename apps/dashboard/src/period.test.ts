import { describe, expect, it } from "vitest";
import { describePeriod, periodOf, presetDays, presetOf, previousDays, validDay } from "./period.js";

describe("periodOf", () => {
  it("turns two dates into [from, to) whole UTC days, the last day included", () => {
    expect(periodOf("2026-03-01", "2026-03-31")).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" });
  });

  it("leaves an empty side open", () => {
    expect(periodOf("", "2026-02-28")).toEqual({ to: "2026-03-01T00:00:00.000Z" });
    expect(periodOf("", "")).toEqual({});
  });
});

describe("presetDays", () => {
  const now = new Date("2026-03-15T23:30:00.000Z");
  it("counts whole UTC days back from today, today included", () => {
    expect(presetDays("today", now)).toEqual({ from: "2026-03-15", to: "2026-03-15" });
    expect(presetDays("7d", now)).toEqual({ from: "2026-03-09", to: "2026-03-15" });
    expect(presetDays("30d", now)).toEqual({ from: "2026-02-14", to: "2026-03-15" });
    expect(presetDays("90d", now)).toEqual({ from: "2025-12-16", to: "2026-03-15" });
    expect(presetDays("month", now)).toEqual({ from: "2026-03-01", to: "2026-03-15" });
  });

  it("names the preset a range is, or none for a custom range", () => {
    expect(presetOf("2026-03-09", "2026-03-15", now)).toBe("7d");
    expect(presetOf("2026-03-08", "2026-03-15", now)).toBeNull();
  });
});

describe("previousDays", () => {
  it("is the equally long run of days just before", () => {
    expect(previousDays("2026-03-01", "2026-03-07")).toEqual({ from: "2026-02-22", to: "2026-02-28" });
    expect(previousDays("2026-03-15", "2026-03-15")).toEqual({ from: "2026-03-14", to: "2026-03-14" });
  });
});

describe("validDay and describePeriod", () => {
  it("accepts only real days", () => {
    expect(validDay("2026-02-28")).toBe("2026-02-28");
    for (const text of ["2026-02-30", "2026-2-1", "yesterday", "", null]) expect(validDay(text)).toBeNull();
  });

  it("says how many UTC days a period has", () => {
    expect(describePeriod("2026-03-01", "2026-03-01")).toBe("2026-03-01 – 2026-03-01 (1 UTC day)");
    expect(describePeriod("", "")).toBe("All time");
  });
});
