import { describe, expect, it } from "vitest";
import { chunk } from "./chunk.js";
import { utf8Bytes } from "./json.js";

const texts = (n: number, body = "") => Array.from({ length: n }, (_, i) => `{"id":"e${i}"${body}}`);

describe("chunk", () => {
  it("cuts at the event count", () => {
    expect(chunk(["a", "b", "c", "d", "e"], 2, 1e6)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("cuts at the size, by UTF-8 bytes when asked, counting multi-byte characters", () => {
    const events = texts(3, `,"t":"${"€".repeat(100)}"`);
    const one = utf8Bytes(events[0]!) + 1;
    expect(one).toBe(events[0]!.length + 200 + 1);
    expect(chunk(events, 100, 2 * one, utf8Bytes)).toEqual([events.slice(0, 2), events.slice(2)]);
    expect(chunk(events, 100, 2 * one - 1, utf8Bytes)).toEqual([[events[0]], [events[1]], [events[2]]]);
    // By characters (the default) the three fit where their bytes would not.
    expect(chunk(events, 100, 3 * (events[0]!.length + 1))).toEqual([events]);
  });

  it("sends an event bigger than the limit alone", () => {
    const events = ["a", "x".repeat(500), "c"];
    expect(chunk(events, 100, 300)).toEqual([["a"], [events[1]], ["c"]]);
  });

  it("makes no chunk of nothing", () => {
    expect(chunk([], 20, 1000)).toEqual([]);
  });
});
