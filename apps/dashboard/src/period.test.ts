import { describe, expect, it } from "vitest";
import { periodOf } from "./period.js";

describe("periodOf", () => {
  it("turns two dates into [from, to) whole UTC days, the last day included", () => {
    expect(periodOf("2026-03-01", "2026-03-31")).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" });
  });

  it("leaves an empty side open", () => {
    expect(periodOf("", "2026-02-28")).toEqual({ to: "2026-03-01T00:00:00.000Z" });
    expect(periodOf("", "")).toEqual({});
  });
});
