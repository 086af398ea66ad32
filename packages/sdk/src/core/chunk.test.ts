import { describe, expect, it } from "vitest";
import { testEvent } from "../testing/recording-collector.js";
import { chunk } from "./chunk.js";

const ids = (chunks: { id: string }[][]) => chunks.map((c) => c.map((e) => e.id));
const bytes = (event: object) => new TextEncoder().encode(JSON.stringify(event)).length + 1;

describe("chunk", () => {
  it("cuts at the event count", () => {
    const events = Array.from({ length: 5 }, (_, i) => testEvent(i));
    expect(ids(chunk(events, 2, 1e6))).toEqual([["e0", "e1"], ["e2", "e3"], ["e4"]]);
  });

  it("cuts at the UTF-8 byte size, counting multi-byte characters", () => {
    const events = [1, 2, 3].map((n) => testEvent(n, { properties: { text: "€".repeat(100) } }));
    const one = bytes(events[0]!);
    expect(one).toBe(bytes(testEvent(1, { properties: { text: "" } })) + 300);
    expect(ids(chunk(events, 100, 2 * one))).toEqual([["e1", "e2"], ["e3"]]);
    expect(ids(chunk(events, 100, 2 * one - 1))).toEqual([["e1"], ["e2"], ["e3"]]);
  });

  it("sends an event bigger than the limit alone", () => {
    const events = [testEvent(1), testEvent(2, { properties: { text: "x".repeat(500) } }), testEvent(3)];
    expect(ids(chunk(events, 100, 300))).toEqual([["e1"], ["e2"], ["e3"]]);
  });

  it("makes no chunk of nothing", () => {
    expect(chunk([], 20, 1000)).toEqual([]);
  });
});
