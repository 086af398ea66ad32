import { describe, expect, it } from "vitest";
import { journeyEvent } from "../testing/journey-event.js";
import { mergeTraits } from "./merge-traits.js";

const identify = (id: string, timestamp: number, traits: Record<string, string | number | null> | null) =>
  journeyEvent({ id, timestamp, type: "identify", customerId: "alice", traits });

describe("mergeTraits", () => {
  const history = [
    identify("i3", 300, { plan: "pro", seats: 5 }),
    identify("i1", 100, { plan: "free", company: "Acme", industry: "retail" }),
    identify("i2", 200, { company: "Acme Ltd", industry: null }),
    identify("i0", 50, null),
  ];

  it("keeps, per key, the value of the latest identify by time; null is a value", () => {
    expect(mergeTraits(history)).toEqual({ plan: "pro", company: "Acme Ltd", industry: null, seats: 5 });
  });

  it("gives the same traits in any arrival order", () => {
    expect(mergeTraits([...history].reverse())).toEqual(mergeTraits(history));
  });

  it("breaks a tie in time by event id: the larger id is the later identify", () => {
    const a = identify("id-a", 100, { plan: "a" });
    const b = identify("id-b", 100, { plan: "b" });
    expect(mergeTraits([b, a])).toEqual({ plan: "b" });
    expect(mergeTraits([a, b])).toEqual({ plan: "b" });
  });

  it("is empty without identifies", () => {
    expect(mergeTraits([])).toEqual({});
  });
});
