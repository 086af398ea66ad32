import { describe, expect, it } from "vitest";
import { compareEvents, sortEvents } from "./order.js";

describe("event order", () => {
  it("sorts by timestamp, then by id in code-unit order, leaving the input alone", () => {
    const events = [
      { id: "b", timestamp: 2 },
      { id: "a", timestamp: 2 },
      { id: "Z", timestamp: 2 },
      { id: "c", timestamp: 1 },
    ];
    expect(sortEvents(events).map((e) => e.id)).toEqual(["c", "Z", "a", "b"]);
    expect(events.map((e) => e.id)).toEqual(["b", "a", "Z", "c"]);
  });

  it("is zero only for the same time and id", () => {
    expect(compareEvents({ id: "a", timestamp: 5 }, { id: "a", timestamp: 5 })).toBe(0);
    expect(compareEvents({ id: "a", timestamp: 5 }, { id: "a", timestamp: 6 })).toBeLessThan(0);
    expect(compareEvents({ id: "b", timestamp: 5 }, { id: "a", timestamp: 5 })).toBeGreaterThan(0);
  });
});
